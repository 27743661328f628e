import type { CompleteUpload } from './complete-upload/complete-upload.js';
import type { GetMedia } from './get-media/get-media.js';
import type { RequestUpload } from './request-upload/request-upload.js';
import type { SubmitModerationVerdict } from './submit-moderation-verdict/submit-moderation-verdict.js';

/** The media use cases its driving adapters (the HTTP routes) call, bound by its composition. */
export interface MediaUseCases {
  requestUpload: RequestUpload;
  completeUpload: CompleteUpload;
  getMedia: GetMedia;
  submitModerationVerdict: SubmitModerationVerdict;
}
export const MediaUseCases = Symbol.for('MediaUseCases');
