import { Get, Header, Param, Put, SetMetadata } from '@nestjs/common';
import { ROUTE_ACCESS } from '@app/common';
import { LeanCloudCaller } from '../auth/leancloud-caller.decorator';
import type { LeanCloudCaller as Caller } from '../auth/leancloud-credentials';
import { LeanCloudBody, LeanCloudQuery } from '../http/leancloud-body';
import { LeanCloudController } from '../http/leancloud-controller.decorator';
import { LeanCloudSessionToken } from '../http/session-token.decorator';
import { SaveUserQuery, UpdateUserBody } from './dto/update-user.body';
import { LeanCloudUser } from './leancloud-user';
import {
  LeanCloudSaved,
  LeanCloudUserObjectsService,
  savedUser,
} from './leancloud-user-objects.service';

/**
 * `_User` through LeanCloud's object routes, which SDKs use for users too: `user.fetch()` and
 * `user.save()` of every SDK read and write `/classes/_User/:id` (REST clients `/users/:id`).
 * The Python SDK's sign-up, `POST /classes/_User`, is served with `POST /users`
 * (LeanCloudUsersController). Only `_User` is served; other classes stay unknown routes (404,
 * code 1).
 */
@LeanCloudController()
export class LeanCloudUserObjectsController {
  constructor(private readonly users: LeanCloudUserObjectsService) {}

  @Get(['classes/_User/:objectId', 'users/:objectId'])
  @Header('Cache-Control', 'no-store')
  @SetMetadata(ROUTE_ACCESS, 'session')
  read(
    @Param('objectId') objectId: string,
    @LeanCloudCaller() caller: Caller,
    @LeanCloudSessionToken() sessionToken: string | undefined,
  ): Promise<LeanCloudUser> {
    return this.users.read(objectId, caller, sessionToken);
  }

  @Put(['classes/_User/:objectId', 'users/:objectId'])
  @SetMetadata(ROUTE_ACCESS, 'session')
  async update(
    @Param('objectId') objectId: string,
    @LeanCloudCaller() caller: Caller,
    @LeanCloudSessionToken() sessionToken: string | undefined,
    @LeanCloudBody(UpdateUserBody) body: UpdateUserBody,
    @LeanCloudQuery(SaveUserQuery) query: SaveUserQuery,
  ): Promise<LeanCloudSaved | LeanCloudUser> {
    const user = await this.users.update(objectId, caller, sessionToken, body);
    return savedUser(user, query.new === 'true' || query.fetchWhenSave === 'true');
  }
}
