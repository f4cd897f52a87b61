import { Get, Header, Param, Post, Put, Res, SetMetadata } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ClientIp, Public, ROUTE_ACCESS } from '@app/common';
import type { SessionOrigin } from '@app/user';
import { LeanCloudCaller } from '../auth/leancloud-caller.decorator';
import type { LeanCloudCaller as Caller } from '../auth/leancloud-credentials';
import {
  CurrentLeanCloudSession,
  LeanCloudSession,
  LeanCloudSessionRequired,
} from '../auth/leancloud-session';
import { LeanCloudBody } from '../http/leancloud-body';
import { LeanCloudController } from '../http/leancloud-controller.decorator';
import { LeanCloudOrigin } from '../http/leancloud-origin.decorator';
import { LeanCloudSessionToken } from '../http/session-token.decorator';
import { UpdatePasswordBody } from './dto/password.body';
import { SignUpBody } from './dto/sign-up.body';
import { LeanCloudAccountsService } from './leancloud-accounts.service';
import { LeanCloudUser } from './leancloud-user';

@LeanCloudController()
export class LeanCloudUsersController {
  constructor(private readonly accounts: LeanCloudAccountsService) {}

  /**
   * 201 with `Location`, as LeanCloud answered a sign-up; with LEANCLOUD_VERIFY_PHONE_ON_SIGNUP,
   * after the phone's verification code was asked for. `classes/_User` is the same sign-up
   * through the object route (the Python SDK's `user.sign_up()`).
   */
  @Post(['users', 'classes/_User'])
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

  /** `?session_token=` (Python SDK, JS SDK 2.x) names the user asked about, over the header. */
  @Get('users/me')
  @Header('Cache-Control', 'no-store')
  @LeanCloudSessionRequired({ queryParameter: 'session_token' })
  me(@CurrentLeanCloudSession() session: LeanCloudSession): LeanCloudUser {
    return this.accounts.me(session);
  }

  /** The user's own session, or the Master Key for any user. */
  @Put('users/:objectId/refreshSessionToken')
  @SetMetadata(ROUTE_ACCESS, 'session')
  refreshSessionToken(
    @Param('objectId') objectId: string,
    @LeanCloudCaller() caller: Caller,
    @LeanCloudSessionToken() sessionToken: string | undefined,
    @LeanCloudOrigin() origin: SessionOrigin,
  ): Promise<LeanCloudUser> {
    return this.accounts.refreshSessionToken(objectId, caller, sessionToken, origin);
  }

  @Put('users/:objectId/updatePassword')
  @LeanCloudSessionRequired()
  updatePassword(
    @Param('objectId') objectId: string,
    @CurrentLeanCloudSession() session: LeanCloudSession,
    @LeanCloudBody(UpdatePasswordBody) body: UpdatePasswordBody,
  ): Promise<LeanCloudUser> {
    return this.accounts.updatePassword(objectId, session, body);
  }
}
