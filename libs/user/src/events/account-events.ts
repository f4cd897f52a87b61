import { Injectable } from '@nestjs/common';
import { LifecycleEventData, lifecycleEventInsert, LifecycleEventType } from '@app/events';
import { TransactionScope } from '../persistence/transaction-scope';

/**
 * The account library's side of the outbox: an event is written in the transaction of the
 * change it tells of, so it is committed with it or rolled back with it. Outside a
 * transaction this throws, so a change that forgot `scope.run` fails its tests rather than
 * telling of a change that might not be there.
 */
@Injectable()
export class AccountEvents {
  constructor(private readonly scope: TransactionScope) {}

  async emit<T extends LifecycleEventType>(type: T, data: LifecycleEventData[T]): Promise<void> {
    if (!this.scope.inTransaction) {
      throw new Error(`The ${type} event must be emitted inside the change's transaction`);
    }
    // As LifecycleEvents writes it, in whichever kind of transaction is open.
    await this.scope.sql(lifecycleEventInsert(type, data));
  }
}
