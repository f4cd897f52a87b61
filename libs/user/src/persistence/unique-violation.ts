import { Prisma } from '@app/prisma';

interface DriverAdapterMeta {
  driverAdapterError?: { cause?: { constraint?: { index?: string; fields?: string[] } } };
  target?: string | string[];
}

/**
 * The unique constraint a write violated (Prisma's P2002), named as PostgreSQL names
 * it (`users_phone_key`), or undefined when the error is something else.
 */
export function violatedUniqueConstraint(error: unknown): string | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') {
    return undefined;
  }
  const meta = (error.meta ?? {}) as DriverAdapterMeta;
  const constraint = meta.driverAdapterError?.cause?.constraint;
  const name = constraint?.index ?? constraint?.fields?.join(',') ?? meta.target;
  return Array.isArray(name) ? name.join(',') : (name ?? '');
}
