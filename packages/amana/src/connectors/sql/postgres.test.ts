import { connectorSuite } from '../../../../../test/fixtures/shop/connector-suite.ts'

connectorSuite('postgres', process.env.TEST_DATABASE_URL, 'set TEST_DATABASE_URL to run against PostgreSQL')
