import {
  CAPTCHA_DEFAULT_HEIGHT,
  CAPTCHA_DEFAULT_WIDTH,
  randomCaptchaText,
  renderCaptchaPng,
} from '../../libs/captcha/src/image';

export interface BareLoopResult {
  renders: number;
  rendersPerS: number;
  /** CPU time (user + system) per render. */
  cpuUsPerRender: number;
}

/**
 * The captcha renderer alone, called in a loop in this process for `durationMs` (after a
 * short warm-up): the ceiling any server drawing captchas on one core can reach.
 */
export function measureBareRenderer(durationMs = 2000): BareLoopResult {
  const render = () =>
    renderCaptchaPng(randomCaptchaText(), {
      width: CAPTCHA_DEFAULT_WIDTH,
      height: CAPTCHA_DEFAULT_HEIGHT,
    });
  for (let i = 0; i < 200; i++) render();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let renders = 0;
  while (performance.now() - started < durationMs) {
    render();
    renders++;
  }
  const elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    renders,
    rendersPerS: Math.round((renders / elapsedMs) * 1000),
    cpuUsPerRender: Math.round((used.user + used.system) / renders),
  };
}
