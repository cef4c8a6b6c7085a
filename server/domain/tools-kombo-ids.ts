/**
 * The 190 tool IDs of Kombo's create-link `integration_tool` enum (the official SDK rejects any other
 * value client-side). Plugboard accepts exactly these; whether one can be used depends on its connector
 * and the environment.
 */
export const KOMBO_TOOL_IDS = [
  'workday', 'successfactors', 'smartrecruiters', 'factorial', 'oraclerecruiting', 'lever', 'icims',
  'cornerstonetalentlink', 'recruitee', 'recruiterflow', 'greenhouse', 'greenhousejobboard', 'teamtailor',
  'teamtailorjobboards', 'ashby', 'talentsoft', 'talentsoftcustomer', 'concludis', 'talention', 'piloga', 'onlyfy',
  'personio', 'ukgpro', 'ukgready', 'adpworkforcenow', 'taleo', 'rexx', 'afas', 'bamboohr', 'bullhorn',
  'bullhornlogin', 'workable', 'jobvite', 'fountain', 'softgarden', 'softgardenpartner', 'pinpoint',
  'welcometothejungle', 'dvinci', 'dvinciadmin', 'join', 'sagehr', 'traffit', 'erecruiter', 'abacusumantis', 'umantis',
  'jobylon', 'taleez', 'hrworks', 'otys', 'zohorecruit', 'ceipal', 'eploy', 'jobdiva', 'careerplug', 'perview',
  'eightfold', 'paylocity', 'paycor', 'avature', 'apploi', 'phenom', 'paradox', 'heyrecruit', 'recruhr', 'recruitcrm',
  'jazzhr', 'bite', 'brassring', 'homerun', 'mysolution', 'carerix', 'hroffice', 'talentclue', 'inrecruiting', 'ubeeo',
  'connexys', 'hr4you', 'cornerstoneondemand', 'zvooverecruit', 'odoo', 'comeet', 'compleet', 'compleetpitcher', 'gem',
  'laura', 'covetorest', 'coveto', 'mercury', 'crelate', 'manatal', 'avionte', 'mhmhr', 'asymbl', 'breezyhr',
  'flatchr', 'dayforce', 'digitalrecruiters', 'applicantstack', 'reachmee', 'talentadore', 'sandbox', 'guidecom',
  'spott', 'loxo', 'kula', 'workdaycustomreport', 'workdaycustomreportsftp', 'ukgprowfm', 'payfitcustomer',
  'payfitpartner', 'payfit', 'employmenthero', 'fourth', 'kenjo', 'heavenhr', 'hibob', 'cezannehr', 'entraid',
  'azuread', 'googleworkspace', 'nmbrs', 'deel', 'remotecom', 'iriscascade', 'okta', 'sagepeople', 'humaans',
  'eurecia', 'oraclehcm', 'officient', 'sesamehr', 'charliehr', 'abacus', 'zohopeople', 'gusto', 'breathehr',
  'catalystone', 'mirus', 'alexishr', 'simployer', 'peple', 'youserve', 'hansalog', 'lattice', 'latticetalent',
  'hoorayhr', 'trinet', 'trinetpeo', 'namely', 'paycom', 'insperity', 'paychex', 'rippling', 'sapling', 'peoplehr',
  'lucca', 'zelt', 'planday', 'boondmanager', 'haileyhr', 'silae', 'oysterhr', 'kiwihr', 'square', 'perbilityhelix',
  'leapsome', 'loket', 'workforcecom', 'peoplefirst', 'sdworx', 'itrent', 'absenceio', 'a3innuvanomina', 'scim',
  'datevlauds', 'datevhr', 'datev', 'datevlug', 'sympa', 'youforce', 'nibelis', 'peoplexd', 'sftp', 'sftpfetch',
  '360learning', 'talentlms', 'udemy', 'linkedinlearning', 'moodle',
] as const;

export type KomboToolId = (typeof KOMBO_TOOL_IDS)[number];
