import { Injectable } from '@nestjs/common';

/** A verified code, as a provider's conversion API takes it. */
export interface VerifiedConversion {
  /** The message that carried the code (its record has the provider and provider's id). */
  messageId: string;
  phone: string;
  verifiedAt: Date;
}

/**
 * Tells the providers that take it (Tencent `ReportConversion`, Alibaba Cloud's conversion
 * API) that a code they carried was verified, so their own fraud systems learn too. Called
 * from the verify path without being awaited: it must not hold the answer, nor fail it.
 */
export abstract class ConversionReporter {
  abstract report(conversion: VerifiedConversion): void;
}

/** The default until the provider adapters bind their own: reports nothing. */
@Injectable()
export class NoConversionReporter extends ConversionReporter {
  report(): void {}
}
