import { Get, Header, Param, Post, Put, Res, SetMetadata } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ClientIp, Public, ROUTE_ACCESS } from '@app/common';
import type { SessionOrigin } from '@app/user';
import { LeanCloudCaller } from '../auth/leancloud-caller.decorator';
import type { LeanCloudCaller as Caller } from '../auth/leancloud-credentials';
import { LeanCloudBody, LeanCloudQuery } from '../http/leancloud-body';
import { LeanCloudController } from '../http/leancloud-controller.decorator';
import { LeanCloudOrigin } from '../http/leancloud-origin.decorator';
import { LeanCloudSessionToken } from '../http/session-token.decorator';
import { SignUpBody } from './dto/sign-up.body';
import { SaveUserQuery, UpdateUserBody } from './dto/update-user.body';
import { LeanCloudAccountsService } from './leancloud-accounts.service';
import { LeanCloudUser } from './leancloud-user';
import {
  LeanCloudSaved,
  LeanCloudUserObjectsService,
  savedUser,
} from './leancloud-user-objects.service';

/**
 * `_User` through LeanCloud's object routes, which SDKs use for users too: the Python SDK
 * signs up with `POST /classes/_User`, and `user.fetch()` / `user.save()` of every SDK read
 * and write `/classes/_User/:id` (REST clients `/users/:id`). Only `_User` is served; other
 * classes stay unknown routes (404, code 1).
 */
@LeanCloudController()
export class LeanCloudUserObjectsController {
  constructor(
    private readonly accounts: LeanCloudAccountsService,
    private readonly users: LeanCloudUserObjectsService,
  ) {}

  /** The same sign-up as `POST /1.1/users` (its verification SMS included): 201 with `Location`. */
  @Post('classes/_User')
  @Public()
  async signUp(
    @LeanCloudBody(SignUpBody) body: SignUpBody,
    @LeanCloudOrigin() origin: SessionOrigin,
    @ClientIp() clientIp: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LeanCloudUser> {
    const user = await this.accounts.signUp(body, origin, clientIp);
    void reply.header('Location', `/1.1/users/${user.objectId}`);
    return user;
  }

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
