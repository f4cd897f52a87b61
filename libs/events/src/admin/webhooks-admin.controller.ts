import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  AdminOnly,
  ApiErrors,
  AuditedCreation,
  AuditedObjectById,
  PageQueryDto,
} from '@app/common';
import { webhookBody } from '../deliveries/webhook-body';
import { WebhookDeliveriesService } from '../deliveries/webhook-deliveries.service';
import { WebhookEndpointsService } from '../endpoints/webhook-endpoints.service';
import {
  DeliveryParamsDto,
  ListDeliveriesQueryDto,
  TestSendDto,
  toWebhookDeliveryDetailDto,
  toWebhookDeliveryDto,
  WebhookDeliveryDetailDto,
  WebhookDeliveryPageDto,
} from './dto/webhook-delivery.dto';
import {
  CreatedWebhookEndpointDto,
  CreateWebhookDto,
  toWebhookEndpointDto,
  UpdateWebhookDto,
  WebhookEndpointDto,
  WebhookEndpointPageDto,
  WebhookIdParamDto,
} from './dto/webhook-endpoint.dto';

const NOT_FOUND = { 400: ['InValidParam'], 404: ['WebhookNotFound'] };

/** The audit's view of the endpoint a route changes: what GET …/:id answers (no secret). */
const AuditedEndpoint = (): MethodDecorator =>
  AuditedObjectById(WebhookEndpointsService, async (endpoints, id) =>
    toWebhookEndpointDto(await endpoints.get(id)),
  );

@ApiTags('admin: webhooks')
@AdminOnly()
@Controller('v1/admin/webhooks')
export class WebhooksAdminController {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly deliveries: WebhookDeliveriesService,
  ) {}

  @Post()
  @AuditedCreation()
  @ApiOperation({ summary: 'Add an endpoint; the answer is the only one to show its secret' })
  @ApiCreatedResponse({ type: CreatedWebhookEndpointDto })
  @ApiErrors({ 400: ['InValidParam'] })
  async create(@Body() body: CreateWebhookDto): Promise<CreatedWebhookEndpointDto> {
    const endpoint = await this.endpoints.create(body);
    return { ...toWebhookEndpointDto(endpoint), secret: endpoint.secret };
  }

  @Get()
  @ApiOperation({ summary: 'List the endpoints, newest first (secrets are never shown again)' })
  @ApiOkResponse({ type: WebhookEndpointPageDto })
  @ApiErrors({ 400: ['InValidParam'] })
  async list(@Query() query: PageQueryDto): Promise<WebhookEndpointPageDto> {
    const page = await this.endpoints.list(query.page, query.pageSize);
    return { ...page, items: page.items.map(toWebhookEndpointDto) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read an endpoint' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiErrors(NOT_FOUND)
  async get(@Param() { id }: WebhookIdParamDto): Promise<WebhookEndpointDto> {
    return toWebhookEndpointDto(await this.endpoints.get(id));
  }

  @Patch(':id')
  @AuditedEndpoint()
  @ApiOperation({ summary: 'Change an endpoint: URL, events, description; enable or disable it' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiErrors(NOT_FOUND)
  async update(
    @Param() { id }: WebhookIdParamDto,
    @Body() body: UpdateWebhookDto,
  ): Promise<WebhookEndpointDto> {
    return toWebhookEndpointDto(await this.endpoints.update(id, body));
  }

  @Delete(':id')
  @AuditedEndpoint()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted, with its deliveries' })
  @ApiOperation({ summary: 'Delete an endpoint' })
  @ApiErrors(NOT_FOUND)
  delete(@Param() { id }: WebhookIdParamDto): Promise<void> {
    return this.endpoints.delete(id);
  }

  @Post(':id/test')
  @AuditedEndpoint()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send a signed `webhook.test` event to this endpoint, through the queue',
  })
  @ApiAcceptedResponse({ type: TestSendDto })
  @ApiErrors(NOT_FOUND)
  testSend(@Param() { id }: WebhookIdParamDto): Promise<TestSendDto> {
    return this.endpoints.testSend(id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: "An endpoint's deliveries, newest first" })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  @ApiErrors(NOT_FOUND)
  async listDeliveries(
    @Param() { id }: WebhookIdParamDto,
    @Query() query: ListDeliveriesQueryDto,
  ): Promise<WebhookDeliveryPageDto> {
    const filter = { status: query.status, eventType: query.eventType };
    const page = await this.deliveries.list(id, filter, query.page, query.pageSize);
    return { ...page, items: page.items.map(toWebhookDeliveryDto) };
  }

  @Get(':id/deliveries/:deliveryId')
  @ApiOperation({ summary: 'One delivery: its status, each try, and the body sent' })
  @ApiOkResponse({ type: WebhookDeliveryDetailDto })
  @ApiErrors({ 400: ['InValidParam'], 404: ['WebhookNotFound', 'WebhookDeliveryNotFound'] })
  async getDelivery(@Param() params: DeliveryParamsDto): Promise<WebhookDeliveryDetailDto> {
    const delivery = await this.deliveries.get(params.id, params.deliveryId);
    return toWebhookDeliveryDetailDto(delivery, webhookBody(delivery.event));
  }
}
