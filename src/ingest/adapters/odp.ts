import { pending } from './pending';

export const odpCoreSkills = pending('odp-core-skills');
export const odpScsCapabilities = pending('odp-scs-capabilities');
