import { Module } from '@nestjs/common';
import { TransactionScope } from './transaction-scope';

/** The one TransactionScope every account repository shares (a transaction spans them). */
@Module({ providers: [TransactionScope], exports: [TransactionScope] })
export class PersistenceModule {}
