import { CanActivate, RequestMethod, Type } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { ROUTE_ACCESS, RouteAccess } from '@app/common';
import type { TestApp } from './test-app';

/** One route of a controller of the running app, as Nest's router registers it. */
export interface ControllerRoute {
  method: string;
  path: string;
  /** `Controller.method`, to name the route in a failure. */
  handler: string;
  access: RouteAccess | undefined;
  guards: Array<Type<CanActivate>>;
  /** What the route's handler and class declare under `key`, the handler's first. */
  metadata<T>(key: string): T | undefined;
}

/** Every route of every controller of the running app's modules. */
export function controllerRoutes(service: TestApp): ControllerRoute[] {
  const reflector = service.app.get(Reflector);
  const routes: ControllerRoute[] = [];
  for (const module of service.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<object> | null;
      if (!controller) continue;
      const prefixes = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const methodPaths = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
        if (methodPaths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const guards = [
          ...((Reflect.getMetadata(GUARDS_METADATA, controller) ?? []) as Array<Type<CanActivate>>),
          ...((Reflect.getMetadata(GUARDS_METADATA, handler) ?? []) as Array<Type<CanActivate>>),
        ];
        const metadata = <T>(key: string): T | undefined =>
          reflector.getAllAndOverride<T | undefined>(key, [handler, controller]);
        const access = metadata<RouteAccess>(ROUTE_ACCESS);
        for (const prefix of prefixes) {
          for (const methodPath of pathsOf(methodPaths)) {
            routes.push({
              method,
              path: joinPath(prefix, methodPath),
              handler: `${controller.name}.${name}`,
              access,
              guards,
              metadata,
            });
          }
        }
      }
    }
  }
  return routes;
}

function pathsOf(metadata: unknown): string[] {
  if (Array.isArray(metadata)) return metadata.map(String);
  return [typeof metadata === 'string' ? metadata : ''];
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter((part) => part.length > 0)
    .join('/');
  return `/${joined}`;
}
