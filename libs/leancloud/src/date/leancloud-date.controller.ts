import { Controller, Get, Header, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@app/common';
import { LeanCloudExceptionFilter } from '../errors/leancloud-exception.filter';
import { LEANCLOUD_PREFIX } from '../leancloud-settings';
import { LeanCloudDate, toLeanCloudDate } from './leancloud-date';

/**
 * `GET /1.1/date`, the server's clock. Open without the app keys, as on LeanCloud: the
 * Python SDK's `get_server_time` sends no X-LC-* header at all, and LeanCloud's setup guides
 * check connectivity with a bare `curl https://<host>/1.1/date`. It tells nobody anything
 * the `Date` response header does not.
 */
@Public()
@Controller(LEANCLOUD_PREFIX.slice(1))
@UseFilters(LeanCloudExceptionFilter)
@ApiExcludeController()
export class LeanCloudDateController {
  @Get('date')
  @Header('Cache-Control', 'no-store')
  date(): LeanCloudDate {
    return toLeanCloudDate(new Date());
  }
}
