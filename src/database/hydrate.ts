import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Turns a raw row of `entity`'s table (from hand-written SQL) into the entity, as TypeORM's finders would. */
export function hydrate<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, row: Record<string, unknown>): T {
  const { driver } = manager.connection;
  const target = manager.create(entity);
  for (const column of manager.connection.getMetadata(entity).columns) {
    column.setEntityValue(target, driver.prepareHydratedValue(row[column.databaseName], column));
  }
  return target;
}
