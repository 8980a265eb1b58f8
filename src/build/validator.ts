export { validateAll } from '../validate/validate';
