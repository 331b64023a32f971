import type { Engine } from '../../../shared/profile';

export const defaultPorts: Record<Engine, number | null> = {
  postgres: 5432,
  mysql: 3306,
  mariadb: 3306,
  sqlserver: 1433,
  sqlite: null,
};
