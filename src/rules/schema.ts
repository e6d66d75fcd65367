/**
 * The JSON Schema of a `--rules` file, which is also the shape of the tables in mappings/
 * (test/rules/schema.test.ts checks the built-in tables against it, and that ajv reads it the way
 * our validator does). Plain data in the subset src/rules/validate-schema.ts implements.
 */
export const rulesSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'ciport mapping rules',
  type: 'object',
  additionalProperties: false,
  properties: {
    orbs: {
      description: 'Registry orbs by namespace/name (no version): their commands, jobs and executors as plain steps.',
      type: 'object',
      propertyNames: { type: 'string', pattern: '^[\\w.-]+/[\\w.-]+$', description: '"namespace/orb" (without @version)' },
      additionalProperties: { $ref: '#/$defs/orb' },
    },
    images: {
      description: 'Image rewrites: name, name:tag, name@digest or a glob with * → the replacement.',
      type: 'object',
      propertyNames: { $ref: '#/$defs/word' },
      additionalProperties: { $ref: '#/$defs/word' },
    },
    'resource-classes': {
      description: 'CircleCI resource_class → the GitLab runner tags of a runner of that size.',
      type: 'object',
      propertyNames: { $ref: '#/$defs/word' },
      additionalProperties: { type: 'array', minItems: 1, items: { $ref: '#/$defs/word' } },
    },
    'runner-tags': {
      description: 'A GitLab runner tag → the CircleCI resource_class to use instead.',
      type: 'object',
      propertyNames: { $ref: '#/$defs/word' },
      additionalProperties: { $ref: '#/$defs/word' },
    },
  },
  $defs: {
    word: { type: 'string', pattern: '^\\S+$', description: 'one word (no spaces)' },
    orb: {
      type: 'object',
      additionalProperties: false,
      properties: {
        url: { type: 'string' },
        commands: { type: 'object', additionalProperties: { $ref: '#/$defs/element' } },
        jobs: { type: 'object', additionalProperties: { $ref: '#/$defs/element' } },
        executors: { type: 'object', additionalProperties: { $ref: '#/$defs/element' } },
      },
    },
    element: {
      type: 'object',
      additionalProperties: false,
      properties: {
        description: { type: 'string' },
        parameters: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
        aliases: { type: 'object', additionalProperties: { type: 'string' }, description: "an argument name an older orb version used → the parameter it fills" },
        steps: { type: 'array', items: { $ref: '#/$defs/step' } },
        image: { type: 'string' },
        machine: { type: 'string' },
        windows: { type: 'string' },
        credentials: { $ref: '#/$defs/credentials' },
      },
    },
    credentials: {
      type: 'object',
      additionalProperties: false,
      required: ['obtains'],
      description: 'credentials a command obtains that a translation cannot (commands only); with parameters, only when one of them is given a value',
      properties: {
        parameters: { type: 'array', items: { type: 'string' } },
        obtains: { type: 'string' },
        hints: { type: 'object', additionalProperties: { type: 'string' }, description: 'per target format id (gitlab, circleci1, circleci2)' },
      },
    },
    step: {
      type: 'object',
      additionalProperties: false,
      required: ['kind'],
      properties: {
        kind: { enum: ['run', 'checkout', 'docker-daemon'] },
        name: { type: 'string' },
        command: { type: 'string' },
        when: { type: 'string', description: 'always, on_success, on_failure, or a << parameters.x >> template looked up in when-values' },
        'when-values': { type: 'object', additionalProperties: { enum: ['always', 'on_success', 'on_failure'] } },
        engine: { enum: ['remote'] },
      },
      if: { properties: { kind: { const: 'run' } } },
      then: { properties: { command: { type: 'string' } }, required: ['command'] },
    },
  },
} as const;
