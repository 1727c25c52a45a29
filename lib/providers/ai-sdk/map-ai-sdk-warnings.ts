import type { CallWarning } from '../../core';
import type { AiSdkWarning } from './ai-sdk-spec.types';

/**
 * The spec's call warnings as ours. V2: `unsupported-setting` (a setting name),
 * `unsupported-tool`, `other`; V3: `unsupported` / `compatibility` (a feature name), `other`.
 */
export function mapAiSdkWarnings(warnings: readonly AiSdkWarning[] | undefined): CallWarning[] {
  return (warnings ?? []).map((warning): CallWarning => {
    switch (warning.type) {
      case 'unsupported-setting':
        return {
          setting: String(warning.setting),
          message: warning.details ?? `${String(warning.setting)} is not supported by this model`,
        };
      case 'unsupported-tool':
        return {
          setting: 'tools',
          message: warning.details ?? `tool ${warning.tool.name} is not supported by this model`,
        };
      case 'unsupported':
      case 'compatibility':
        return {
          setting: warning.feature,
          message:
            warning.details ??
            (warning.type === 'unsupported'
              ? `${warning.feature} is not supported by this model`
              : `${warning.feature} is only approximated by this model`),
        };
      case 'other':
        return { setting: 'other', message: warning.message };
    }
  });
}
