import { Injectable } from '@nestjs/common';
import { CaptchaService } from '@app/captcha';
import { LeanCloudCaller } from '../auth/leancloud-credentials';
import { LeanCloudError } from '../errors/leancloud-error';
import { CaptchaImageStore } from './captcha-image.store';
import { RequestCaptchaQuery } from './dto/request-captcha.query';

export interface LeanCloudCaptcha {
  captcha_token: string;
  captcha_url: string;
}

/** LeanCloud's default captcha length, which its REST guide asks for with the App Key. */
const DEFAULT_SIZE = 4;

/**
 * LeanCloud's table says `size` and `ttl` need the Master Key, while its own example sends
 * `size=4` with the App Key. The App Key ships in every client, so it may ask only for what
 * does not weaken the captcha: a `size` of at least the default (a longer text is harder to
 * guess), never a shorter text nor another time to answer in (119).
 */
function assertAppKeyMayAsk(query: RequestCaptchaQuery): void {
  if (query.ttl !== undefined) {
    throw new LeanCloudError(119, 'The captcha option ttl needs the Master Key.');
  }
  if (query.size !== undefined && query.size < DEFAULT_SIZE) {
    throw new LeanCloudError(
      119,
      `A captcha shorter than ${DEFAULT_SIZE} characters needs the Master Key.`,
    );
  }
}

/** LeanCloud's captcha routes on the captcha module: the image is served by URL. */
@Injectable()
export class LeanCloudCaptchaService {
  constructor(
    private readonly captcha: CaptchaService,
    private readonly images: CaptchaImageStore,
  ) {}

  async request(
    query: RequestCaptchaQuery,
    caller: LeanCloudCaller,
    imageUrl: (token: string) => string,
  ): Promise<LeanCloudCaptcha> {
    if (caller !== 'master') assertAppKeyMayAsk(query);
    const challenge = await this.captcha.issue({
      width: query.width,
      height: query.height,
      length: query.size,
      ttlSeconds: query.ttl,
    });
    await this.images.save(challenge.captchaToken, challenge.image.data, challenge.expiresIn);
    return {
      captcha_token: challenge.captchaToken,
      captcha_url: imageUrl(challenge.captchaToken),
    };
  }

  async verify(attempt: {
    captchaToken: string;
    answer: string;
    clientIp: string;
  }): Promise<{ validate_token: string }> {
    const { validateToken } = await this.captcha.verify(attempt);
    return { validate_token: validateToken };
  }

  async image(token: string): Promise<Buffer> {
    const png = await this.images.find(token);
    if (png === null) {
      throw new LeanCloudError(1, 'No such captcha: it expired or was never drawn.', 404);
    }
    return png;
  }
}
