export { MetricsExposureModule } from './metrics-exposure.module';
export { MetricsModule } from './metrics.module';
export { MetricsPortModule } from './metrics-port.module';
export { DependencyCheck, Metrics } from './metrics.service';
export { MetricsPortServer } from './metrics-port.server';
export { MetricsTokenGuard } from './metrics-token.guard';
export { routeLabel } from './metric-labels';
