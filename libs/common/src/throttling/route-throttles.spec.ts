import { Controller, Get, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RouteThrottles } from './route-throttles';
import { ThrottledUnless, ThrottleExemption } from './throttle-exemption';
import { ThrottledInScript } from './throttled-in-script.decorator';
import { Unthrottled } from './unthrottled.decorator';

class TokenExemption implements ThrottleExemption {
  exempts(): boolean {
    return true;
  }
}

@Controller('open')
class OpenController {
  @Get()
  read(): void {}
}

@Unthrottled()
@Controller('probes')
class ProbesController {
  @Get()
  live(): void {}
}

@Controller('mixed')
class MixedController {
  @Get('counted')
  counted(): void {}

  @Unthrottled()
  @Get('spared')
  spared(): void {}

  @ThrottledUnless(TokenExemption)
  @Get('scraped')
  scraped(): void {}

  @ThrottledInScript()
  @Get('scripted')
  scripted(): void {}
}

@Unthrottled()
@Controller('spared-mixed')
class SparedMixedController extends MixedController {}

describe('RouteThrottles', () => {
  const exemption = new TokenExemption();
  let provided: Array<Type<ThrottleExemption>>;
  let routes: RouteThrottles;

  beforeEach(() => {
    provided = [];
    routes = new RouteThrottles(new Reflector(), (type) => {
      provided.push(type);
      return exemption;
    });
  });

  const handler = <T>(controller: Type<T>, name: keyof T) =>
    controller.prototype[name] as (...args: unknown[]) => unknown;

  it('counts a route without throttling decorators', () => {
    expect(routes.of(OpenController, handler(OpenController, 'read'))).toEqual({
      counted: true,
      exemption: undefined,
      inScript: false,
    });
  });

  it('leaves the hit to the route only where the route says its script counts it', () => {
    const scripted = handler(MixedController, 'scripted');
    expect(routes.of(MixedController, scripted)).toEqual({
      counted: true,
      exemption: undefined,
      inScript: true,
    });
    expect(routes.of(SparedMixedController, scripted).counted).toBe(false);
  });

  it('skips every route of an unthrottled controller, and only the unthrottled handler elsewhere', () => {
    expect(routes.of(ProbesController, handler(ProbesController, 'live')).counted).toBe(false);
    expect(routes.of(MixedController, handler(MixedController, 'spared')).counted).toBe(false);
    expect(routes.of(MixedController, handler(MixedController, 'counted')).counted).toBe(true);
  });

  it("reads a shared handler under each controller's own decorators", () => {
    const counted = handler(MixedController, 'counted');
    expect(routes.of(MixedController, counted).counted).toBe(true);
    expect(routes.of(SparedMixedController, counted).counted).toBe(false);
  });

  it('resolves the provider that may spare requests once for its route', () => {
    const scraped = handler(MixedController, 'scraped');
    for (let request = 0; request < 3; request++) {
      expect(routes.of(MixedController, scraped)).toEqual({
        counted: true,
        exemption,
        inScript: false,
      });
    }
    expect(provided).toEqual([TokenExemption]);
  });

  it('reads the metadata of a route once', () => {
    const reflector = new Reflector();
    const reads = jest.spyOn(reflector, 'getAllAndOverride');
    const cached = new RouteThrottles(reflector, () => exemption);
    const read = handler(OpenController, 'read');
    for (let request = 0; request < 5; request++) cached.of(OpenController, read);
    expect(reads).toHaveBeenCalledTimes(1);
  });
});
