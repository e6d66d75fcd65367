// Generated from mappings/runners.yml by test/tools/generate-mappings.ts. Do not edit; run `npm run generate`.
export const runners = {
      "resource-classes": {},
      "runner-tags": {
        "saas-linux-small-amd64": "medium",
        "saas-linux-medium-amd64": "large",
        "saas-linux-large-amd64": "xlarge",
        "saas-linux-xlarge-amd64": "2xlarge",
        "saas-linux-medium-arm64": "arm.large",
        "saas-linux-large-arm64": "arm.xlarge"
      }
    } as const;
