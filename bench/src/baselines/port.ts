// eslint-disable-next-line no-restricted-properties -- baselines are not the app: they take their port and URLs as the bench hands them over
export const baselineEnv = process.env;
export const port = Number(baselineEnv.PORT);
