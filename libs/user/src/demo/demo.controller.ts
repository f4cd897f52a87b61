import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply } from 'fastify';
import { Public } from '@app/common';
import { AppConfigService } from '@app/config';
import { demoContentSecurityPolicy } from './demo-content-security-policy';

const read = (file: string): string => readFileSync(join(__dirname, file), 'utf8');

/**
 * A sign-up and log-in page, plain HTML and JavaScript served as they are in this folder
 * (read once at start-up). What an app team opens first to see the service work.
 */
@ApiTags('demo')
@Public()
@Controller('demo')
export class DemoController {
  private readonly page = read('index.html');
  private readonly script = read('demo.js');
  private readonly style = read('demo.css');
  private readonly contentSecurityPolicy: string;

  constructor(config: AppConfigService) {
    this.contentSecurityPolicy = demoContentSecurityPolicy(config.get('CAPTCHA_PROVIDER'));
  }

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: 'A page to sign up and log in with a phone number' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The HTML page', schema: { type: 'string' } })
  getPage(@Res({ passthrough: true }) reply: FastifyReply): string {
    void reply.header('Content-Security-Policy', this.contentSecurityPolicy);
    return this.page;
  }

  @Get('demo.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: 'The demo page’s script' })
  @ApiProduces('text/javascript')
  @ApiOkResponse({ description: 'JavaScript', schema: { type: 'string' } })
  getScript(): string {
    return this.script;
  }

  @Get('demo.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: 'The demo page’s styles' })
  @ApiProduces('text/css')
  @ApiOkResponse({ description: 'CSS', schema: { type: 'string' } })
  getStyle(): string {
    return this.style;
  }
}
