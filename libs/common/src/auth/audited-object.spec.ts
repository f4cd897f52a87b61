import {
  AUDITED_OBJECT,
  AuditedCreation,
  AuditedObjectById,
  type AuditedObjectDeclaration,
  type AuditTarget,
} from './audited-object';
import { API_KEY_PRINCIPAL } from './admin-principal';

class Things {
  readonly asked: string[] = [];

  async find(id: string): Promise<{ id: string }> {
    this.asked.push(id);
    return Promise.resolve({ id });
  }
}

class Routes {
  @AuditedObjectById(Things, (things, id) => things.find(id))
  update(): void {}

  @AuditedCreation()
  create(): void {}
}

const declarationOf = (handler: () => void): AuditedObjectDeclaration =>
  Reflect.getMetadata(AUDITED_OBJECT, handler) as AuditedObjectDeclaration;

const target = (id: string): AuditTarget => ({
  params: { id },
  body: {},
  admin: API_KEY_PRINCIPAL,
});

describe('AuditedObjectById', () => {
  it('reads the object a UUID names, with the reader it declares', async () => {
    const declaration = declarationOf(Routes.prototype.update);
    if (declaration.kind !== 'reads') throw new Error('a reader was declared');
    expect(declaration.reader).toBe(Things);
    const things = new Things();
    const id = '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab';
    await expect(declaration.read(things, target(id))).resolves.toEqual({ id });
  });

  it('reads nothing for an id that is no UUID (the route’s validation refuses it)', async () => {
    const declaration = declarationOf(Routes.prototype.update);
    if (declaration.kind !== 'reads') throw new Error('a reader was declared');
    const things = new Things();
    await expect(declaration.read(things, target("1' OR '1'='1"))).resolves.toBeNull();
    expect(things.asked).toEqual([]);
  });
});

describe('AuditedCreation', () => {
  it('declares a creation: nothing to read before', () => {
    expect(declarationOf(Routes.prototype.create)).toEqual({ kind: 'creates' });
  });
});
