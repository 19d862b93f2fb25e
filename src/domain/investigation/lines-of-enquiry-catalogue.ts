/**
 * Lines of enquiry an investigation plan can contain (DOMAIN.md §7, reference 004
 * "Investigating officers", 001 and 002 findings). Wording is the product's own.
 */
export const LINES_OF_ENQUIRY = {
  'digital-evidence': {
    title: 'Secure digital evidence from devices and accounts',
    why: 'Messages, call logs and account data prove the course of conduct. Download them properly: screenshots or body-worn video of a phone screen are not enough.',
  },
  'social-media': {
    title: 'Preserve and obtain social media evidence',
    why: 'Contact or monitoring through social media is an act associated with stalking, and platforms may delete content or accounts.',
  },
  'call-recordings': {
    title: 'Download recordings of calls',
    why: 'Recorded calls can capture threats and the victim’s distress at the time, and recordings are kept only for a limited period.',
  },
  cctv: {
    title: 'Identify and seize CCTV',
    why: 'Following, loitering and watching happen in places with cameras, and footage is often overwritten within days.',
  },
  'third-party-material': {
    title: 'Obtain third-party material',
    why: 'Employers, banks, schools, landlords and others may hold records of the suspect’s contact or visits.',
  },
  'pnd-check': {
    title: 'Search the Police National Database (PND)',
    why: 'The suspect may have stalked or harassed others, or have links, outside this force.',
  },
  'witness-statements': {
    title: 'Take witness statements',
    why: 'Independent witnesses corroborate the incidents that make up the course of conduct.',
  },
  'victim-personal-statement': {
    title: 'Take or offer a victim personal statement',
    why: 'The victim personal statement tells the court the impact of the stalking or harassment, and the prosecution file needs it.',
  },
  'special-measures': {
    title: 'Consider special measures for the victim and witnesses',
    why: 'Victims of stalking and harassment are often intimidated witnesses; needs must be identified on the file and raised early with the CPS.',
  },
  'disclosure-dvds': {
    title: 'Consider disclosure under the Domestic Violence Disclosure Scheme (Clare’s Law)',
    why: 'The case involves domestic abuse, and the suspect’s history may need to be disclosed to protect the victim or a new partner.',
  },
  'disclosure-csods': {
    title: 'Consider disclosure under the Child Sex Offender Disclosure Scheme',
    why: 'There is a concern that the suspect poses a risk to children.',
  },
  'intelligence-submission': {
    title: 'Submit intelligence on the stalking suspect',
    why: 'Descriptions, vehicles and sightings of stalking suspects help intelligence units spot serial stalkers and emerging threats.',
  },
  's2b-warrant': {
    title: 'Consider a warrant to search for evidence (s2B)',
    why: 'Stalking gives a power to apply to a magistrate for a warrant to enter and search premises for evidence; the decision whether to use it must be recorded.',
  },
} as const;

export type LineOfEnquiryCode = keyof typeof LINES_OF_ENQUIRY;

/** Every line of enquiry code, in the order plans list them. */
export const LINE_OF_ENQUIRY_CODES = Object.keys(LINES_OF_ENQUIRY) as LineOfEnquiryCode[];
