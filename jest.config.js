/** @type {import('jest').Config} */

const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleNameMapper: { '^@app/([a-z-]+)(.*)$': '<rootDir>/libs/$1/src$2' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    // ES-module packages (NestJS 12 among them) compiled to CommonJS for Jest.
    '/node_modules/.+\\.m?js$': '<rootDir>/test/support/esm-to-cjs.transformer.js',
  },
  transformIgnorePatterns: [],
};

module.exports = {
  maxWorkers: 2,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      testTimeout: 30000,
    },
  ],
};
