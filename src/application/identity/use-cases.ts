import type { DecideKyc } from './decide-kyc/decide-kyc.js';
import type { GetCurrentUser } from './get-current-user/get-current-user.js';
import type { GetUserForAdmin } from './get-user-for-admin/get-user-for-admin.js';
import type { ListUsers } from './list-users/list-users.js';
import type { LogIn } from './log-in/log-in.js';
import type { LogOut } from './log-out/log-out.js';
import type { RefreshSession } from './refresh-session/refresh-session.js';
import type { RegisterDevice } from './register-device/register-device.js';
import type { RegisterUser } from './register-user/register-user.js';
import type { RemoveDevice } from './remove-device/remove-device.js';
import type { SubmitKyc } from './submit-kyc/submit-kyc.js';
import type { UpdateProfile } from './update-profile/update-profile.js';

/** The identity use cases its driving adapters (the HTTP routes) call, bound by its composition. */
export interface IdentityUseCases {
  registerUser: RegisterUser;
  logIn: LogIn;
  refreshSession: RefreshSession;
  logOut: LogOut;
  getCurrentUser: GetCurrentUser;
  updateProfile: UpdateProfile;
  submitKyc: SubmitKyc;
  registerDevice: RegisterDevice;
  removeDevice: RemoveDevice;
  decideKyc: DecideKyc;
  listUsers: ListUsers;
  getUserForAdmin: GetUserForAdmin;
}
export const IdentityUseCases = Symbol.for('IdentityUseCases');
