import { ExecutionContext, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { THROTTLE_EXEMPTION, ThrottleExemption } from './throttle-exemption';
import { THROTTLED_IN_SCRIPT } from './throttled-in-script.decorator';
import { UNTHROTTLED } from './unthrottled.decorator';

/**
 * What the per-IP throttler does on one route: nothing, or count it unless `exemption` spares
 * the request, itself or (`inScript`) by leaving the hit to the route's script.
 */
export type RouteThrottle =
  | { readonly counted: false }
  | {
      readonly counted: true;
      readonly exemption?: ThrottleExemption;
      readonly inScript: boolean;
    };

type Handler = ReturnType<ExecutionContext['getHandler']>;

const UNCOUNTED: RouteThrottle = { counted: false };

/**
 * Each route's throttling, read from its decorators on its first request and kept: metadata
 * does not change once the app runs, and reading it walks prototype chains on every call.
 */
export class RouteThrottles {
  // By class, then handler: a controller that extends another shares its handlers, not its
  // class decorators.
  private readonly byClass = new WeakMap<Type, WeakMap<Handler, RouteThrottle>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly provider: (type: Type<ThrottleExemption>) => ThrottleExemption,
  ) {}

  of(classRef: Type, handler: Handler): RouteThrottle {
    let handlers = this.byClass.get(classRef);
    if (handlers === undefined) this.byClass.set(classRef, (handlers = new WeakMap()));
    let route = handlers.get(handler);
    if (route === undefined) handlers.set(handler, (route = this.read(classRef, handler)));
    return route;
  }

  private read(classRef: Type, handler: Handler): RouteThrottle {
    // The handler's setting, else its class's.
    const targets = [handler, classRef];
    if (this.reflector.getAllAndOverride<boolean | undefined>(UNTHROTTLED, targets)) {
      return UNCOUNTED;
    }
    const exemption = this.reflector.get<Type<ThrottleExemption> | undefined>(
      THROTTLE_EXEMPTION,
      handler,
    );
    return {
      counted: true,
      exemption: exemption && this.provider(exemption),
      inScript: this.reflector.get<boolean | undefined>(THROTTLED_IN_SCRIPT, handler) === true,
    };
  }
}
