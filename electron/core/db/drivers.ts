import { BurrowError } from '../../../shared/errors';
import type { Engine } from '../../../shared/profile';
import { mysqlDriver } from './mysql/mysqlDriver';
import { postgresDriver } from './postgres/postgresDriver';
import { sqlserverDriver } from './sqlserver/sqlserverDriver';
import { sqliteDriver } from './sqlite/sqliteDriver';
import type { Driver } from './types';

const drivers: readonly Driver[] = [postgresDriver, mysqlDriver, sqlserverDriver, sqliteDriver];

export function driverFor(engine: Engine): Driver {
  const driver = drivers.find((candidate) => candidate.engines.includes(engine));
  if (!driver) throw new BurrowError('UNSUPPORTED', `no driver for ${engine} yet`);
  return driver;
}
