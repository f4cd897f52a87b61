import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { ApiErrors, Public } from '@app/common';
import {
  consoleContentSecurityPolicy,
  CSP_NONCE_PLACEHOLDER,
  readConsoleBuild,
} from './console-build';
import { ConsoleAssetNotFoundError, ConsoleNotBuiltError } from './console.errors';

/**
 * The admin console (apps/console), a single-page app built by `npm run build`. The page and
 * its files are public; everything it shows comes from the admin routes, which check the
 * admin's session. The page gets a fresh CSP nonce per request, so it is never cached.
 */
@ApiTags('console')
@Public()
@Controller('console')
export class ConsoleController {
  private readonly build = readConsoleBuild();

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The admin console (a single-page app)' })
  // The page's type on the 200 alone (not @ApiProduces): errors stay JSON, documented as such.
  @ApiOkResponse({
    description: 'The HTML page',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 308, description: '`/console/` (with the slash) redirects to `/console`' })
  @ApiErrors(ConsoleNotBuiltError)
  getPage(@Res({ passthrough: true }) reply: FastifyReply): string {
    if (!this.build) throw new ConsoleNotBuiltError();
    const nonce = randomBytes(16).toString('base64');
    void reply.header('Content-Security-Policy', consoleContentSecurityPolicy(nonce));
    return this.build.page.replaceAll(CSP_NONCE_PLACEHOLDER, nonce);
  }

  @Get('assets/:file')
  @Header('X-Content-Type-Options', 'nosniff')
  // Vite puts a hash of the content in every name: a name never changes content.
  @Header('Cache-Control', 'public, max-age=31536000, immutable')
  @ApiOperation({ summary: 'A script, style or image of the console' })
  @ApiOkResponse({
    description: 'The file',
    content: {
      'text/javascript': { schema: { type: 'string' } },
      'text/css': { schema: { type: 'string' } },
    },
  })
  @ApiErrors(ConsoleAssetNotFoundError)
  getAsset(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): Buffer {
    const asset = this.build?.assets.get(file);
    if (!asset) throw new ConsoleAssetNotFoundError();
    void reply.header('Content-Type', asset.contentType);
    return asset.body;
  }
}
