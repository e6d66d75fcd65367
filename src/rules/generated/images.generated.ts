// Generated from mappings/images.yml by test/tools/generate-mappings.ts. Do not edit; run `npm run generate`.
export const images = {
      "images": {}
    } as const;
