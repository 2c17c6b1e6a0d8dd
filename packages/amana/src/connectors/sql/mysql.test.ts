import { connectorSuite } from '../../../../../test/fixtures/shop/connector-suite.ts'

connectorSuite('mysql', process.env.TEST_MYSQL_URL, 'set TEST_MYSQL_URL to run against MySQL or MariaDB')
