import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@app/config';

/**
 * SMS_TEST_NUMBERS: numbers (app-store review accounts) that get a fixed code and never an
 * SMS. Their sends still pass every limit and are recorded, marked as test sends.
 */
@Injectable()
export class TestPhoneNumbers {
  private readonly codes: ReadonlyMap<string, string>;

  constructor(config: AppConfigService) {
    this.codes = new Map(Object.entries(config.get('SMS_TEST_NUMBERS')));
  }

  /** The fixed code of a test number (E.164), or undefined for a real one. */
  codeFor(phone: string): string | undefined {
    return this.codes.get(phone);
  }

  isTestNumber(phone: string): boolean {
    return this.codes.has(phone);
  }
}
