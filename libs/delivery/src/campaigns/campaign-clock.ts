import { Injectable } from '@nestjs/common';

/**
 * The time campaigns are scheduled and held to their window by. One injectable, so a test can
 * move it (Jest's fake Date moves it in-process).
 */
@Injectable()
export class CampaignClock {
  now(): Date {
    return new Date();
  }
}
