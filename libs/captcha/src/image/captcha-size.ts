/** Size bounds in pixels within which the text stays legible and fits. Callers must validate. */
export const CAPTCHA_MIN_WIDTH = 60;
export const CAPTCHA_MAX_WIDTH = 400;
export const CAPTCHA_MIN_HEIGHT = 20;
export const CAPTCHA_MAX_HEIGHT = 150;
export const CAPTCHA_DEFAULT_WIDTH = 100;
export const CAPTCHA_DEFAULT_HEIGHT = 40;

export function isCaptchaSizeAllowed(width: number, height: number): boolean {
  return (
    Number.isInteger(width) &&
    Number.isInteger(height) &&
    width >= CAPTCHA_MIN_WIDTH &&
    width <= CAPTCHA_MAX_WIDTH &&
    height >= CAPTCHA_MIN_HEIGHT &&
    height <= CAPTCHA_MAX_HEIGHT
  );
}
