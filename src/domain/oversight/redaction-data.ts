/**
 * Reference data for redaction: what each kind of removed detail is replaced by,
 * the role nouns used for people, field names that are always dropped, and the
 * word lists the text patterns rely on.
 */

/** Kinds of personal detail the redactor removes. */
export const REDACTION_KINDS = [
  'name',
  'address',
  'postcode',
  'phone',
  'email',
  'dateOfBirth',
  'handle',
  'socialMediaLink',
  'vehicle',
] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

/** What replaces each kind of detail in free text (names become role labels when known). */
export const REDACTION_PLACEHOLDERS: Readonly<Record<RedactionKind, string>> = {
  name: '[name]',
  address: '[address]',
  postcode: '[postcode]',
  phone: '[phone]',
  email: '[email]',
  dateOfBirth: '[date of birth]',
  handle: '[handle]',
  socialMediaLink: '[social media link]',
  vehicle: '[vehicle]',
};

/** Roles a person can have in a case, in the order labels are listed. */
export const PERSON_ROLES = ['victim', 'suspect', 'witness', 'reporter', 'other'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** The noun that starts each role label, e.g. "Victim A". */
export const ROLE_LABEL_NOUNS: Readonly<Record<PersonRole, string>> = {
  victim: 'Victim',
  suspect: 'Suspect',
  witness: 'Witness',
  reporter: 'Reporter',
  other: 'Person',
};

/**
 * Fields that are dropped whole from any view shown to a panel. A field matches
 * when its name equals one of these (ignoring case) or ends with it in camelCase
 * ("homeAddress") or snake_case ("home_address").
 */
export const ALWAYS_REMOVED_FIELDS = [
  'name',
  'names',
  'forename',
  'surname',
  'alias',
  'aliases',
  'nickname',
  'dateOfBirth',
  'dob',
  'address',
  'addresses',
  'postcode',
  'phone',
  'phoneNumber',
  'mobile',
  'telephone',
  'email',
  'emailAddress',
  'handle',
  'handles',
  'vehicleRegistration',
  'vehicleRegistrations',
] as const;

/** Field names that refer to a person; their value is replaced by the person's role label. */
export const PERSON_REFERENCE_FIELDS = ['personId'] as const;

/** Titles absorbed into a name when they come straight before it ("Mrs Jones"). */
export const TITLES = ['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr'] as const;

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Words that end a street name in an address ("12 Acacia Avenue"). */
export const STREET_SUFFIXES = [
  'Street', 'St', 'Road', 'Rd', 'Avenue', 'Ave', 'Lane', 'Ln', 'Drive', 'Dr', 'Close', 'Crescent',
  'Court', 'Ct', 'Way', 'Place', 'Pl', 'Grove', 'Gardens', 'Gdns', 'Terrace', 'Walk', 'Hill',
  'Park', 'Mews', 'Square', 'Sq', 'Row', 'Rise', 'View', 'Green', 'Parade', 'Mount', 'Fold',
  'Croft', 'Gate', 'Bank', 'Vale', 'Approach', 'Boulevard', 'Wharf', 'Yard', 'Meadow', 'Meadows',
  'Chase', 'Garth', 'Wynd', 'Brow',
] as const;

/** Words that start a dwelling within a building ("Flat 3"). */
export const DWELLING_PREFIXES = ['Flat', 'Apartment', 'Apt', 'Unit', 'Room'] as const;

/** Social media and messaging sites whose profile links identify a person. */
export const SOCIAL_MEDIA_DOMAINS = [
  'facebook.com', 'fb.com', 'fb.me', 'm.me', 'messenger.com', 'instagram.com', 'instagr.am',
  'twitter.com', 'x.com', 'tiktok.com', 'snapchat.com', 'linkedin.com', 'youtube.com', 'youtu.be',
  'threads.net', 'pinterest.com', 'reddit.com', 'tumblr.com', 'onlyfans.com', 't.me', 'wa.me',
  'bsky.app', 'discord.com', 'twitch.tv',
] as const;

/**
 * Names (forenames, surnames, nicknames) that are also everyday words. When one of
 * these is used alone it is only treated as a name where it is written with a capital
 * letter, so "he will call" survives while "Will called" is redacted. Full names are
 * always matched whatever the case.
 */
export const NAMES_THAT_ARE_WORDS = [
  'will', 'may', 'june', 'april', 'august', 'hope', 'grace', 'joy', 'faith', 'rose', 'ruby',
  'amber', 'holly', 'ivy', 'iris', 'lily', 'daisy', 'poppy', 'dawn', 'summer', 'autumn', 'sky',
  'rain', 'storm', 'mark', 'bill', 'pat', 'sue', 'ray', 'rob', 'frank', 'guy', 'jack', 'dean',
  'art', 'nick', 'drew', 'chase', 'grant', 'hunter', 'rich', 'penny', 'sunny', 'honey', 'angel',
  'bear', 'buddy', 'babe', 'king', 'young', 'white', 'black', 'green', 'brown', 'gray', 'grey',
  'wood', 'hill', 'hall', 'long', 'short', 'little', 'rice', 'bird', 'fox', 'lamb', 'moss',
  'stone', 'park', 'bell', 'cook', 'baker', 'butcher', 'carpenter', 'mason', 'miller', 'fisher',
  'hunt', 'field', 'marsh', 'wells', 'banks', 'lane', 'north', 'west', 'south', 'love', 'sweet',
  'price', 'cash', 'page', 'early', 'best', 'bright', 'hardy', 'bond', 'bishop', 'dick',
  'cliff', 'glen', 'heath', 'sandy', 'rocky', 'jay', 'kit', 'max', 'ben', 'don', 'ted',
] as const;
