import { ValidateBy } from 'class-validator';

/**
 * The admin key docker-compose.yml falls back to when ADMIN_API_KEY is not set, so that
 * `docker compose up` works for a local try. It is printed in the repository, so it is no secret:
 * with NODE_ENV=production (the image's default) the service refuses to start with it.
 */
export const LOCAL_DEVELOPMENT_ADMIN_KEY = 'local-development-admin-key';

const isProduction = (settings: object): boolean =>
  (settings as { NODE_ENV?: unknown }).NODE_ENV === 'production';

/** ADMIN_API_KEY is not the repository's well-known key when NODE_ENV is production. */
export const IsNotTheWellKnownKeyInProduction = (): PropertyDecorator =>
  ValidateBy({
    name: 'isNotTheWellKnownKeyInProduction',
    validator: {
      validate: (value: unknown, args) =>
        !(value === LOCAL_DEVELOPMENT_ADMIN_KEY && args !== undefined && isProduction(args.object)),
      defaultMessage: () =>
        `ADMIN_API_KEY is the well-known "${LOCAL_DEVELOPMENT_ADMIN_KEY}" from docker-compose.yml, ` +
        'refused with NODE_ENV=production: set your own long random key (openssl rand -hex 32)',
    },
  });
