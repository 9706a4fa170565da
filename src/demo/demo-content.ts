// Demo content for a fresh Cinelog install: a small film list, the series it is watched in, and
// the shape of the nine original reviews (their words are in demo-reviews.ts). Film facts
// (titles, years, directors, credits) are factual; every sentence of review prose is original
// to this project.
// Stills are not images: they describe abstract art generated at seed time (see still-art.ts).

interface DemoCastMember {
  name: string;
  character: string;
}

export interface DemoFilm {
  key: string;
  title: string;
  originalTitle?: string;
  year: number;
  runtimeMinutes?: number;
  countries: string[];
  directors: string[];
  writers?: string[];
  cast?: DemoCastMember[];
  cinematography?: string[];
  music?: string[];
  imdbId?: string;
}

interface DemoStill {
  alt: string;
  caption?: string;
  palette: [string, string, string];
  motif: "neon" | "horizon" | "rain" | "cards" | "window" | "spotlight";
}

export interface DemoReview {
  film: string;
  slug: string;
  body: string;
  rating?: number;
  watchedOn: string;
  isRewatch: boolean;
  hasSpoilers: boolean;
  tags: string[];
  publishedAt: string;
  stills: DemoStill[];
}

interface DemoSeries {
  slug: string;
  title: string;
  description: string;
  films: string[];
}

// Optional credits are left out where the demo does not need them or where the exact value
// varies between sources (runtimes of older films differ by cut, for example).
export const demoFilms: DemoFilm[] = [
  {
    key: "the-hustler",
    title: "The Hustler",
    year: 1961,
    runtimeMinutes: 134,
    countries: ["US"],
    directors: ["Robert Rossen"],
    writers: ["Sidney Carroll", "Robert Rossen"],
    cast: [
      { name: "Paul Newman", character: "Eddie Felson" },
      { name: "Jackie Gleason", character: "Minnesota Fats" },
      { name: "Piper Laurie", character: "Sarah Packard" },
      { name: "George C. Scott", character: "Bert Gordon" },
    ],
    cinematography: ["Eugen Schüfftan"],
    music: ["Kenyon Hopkins"],
    imdbId: "tt0054997",
  },
  {
    key: "the-cincinnati-kid",
    title: "The Cincinnati Kid",
    year: 1965,
    countries: ["US"],
    directors: ["Norman Jewison"],
    writers: ["Ring Lardner Jr.", "Terry Southern"],
    cast: [
      { name: "Steve McQueen", character: "Eric Stoner" },
      { name: "Edward G. Robinson", character: "Lancey Howard" },
      { name: "Ann-Margret", character: "Melba" },
      { name: "Karl Malden", character: "Shooter" },
    ],
    cinematography: ["Philip H. Lathrop"],
    music: ["Lalo Schifrin"],
    imdbId: "tt0059037",
  },
  {
    key: "california-split",
    title: "California Split",
    year: 1974,
    countries: ["US"],
    directors: ["Robert Altman"],
    writers: ["Joseph Walsh"],
    cast: [
      { name: "George Segal", character: "Bill Denny" },
      { name: "Elliott Gould", character: "Charlie Waters" },
      { name: "Ann Prentiss", character: "Barbara Miller" },
      { name: "Gwen Welles", character: "Susan Peters" },
    ],
    cinematography: ["Paul Lohmann"],
    imdbId: "tt0071269",
  },
  {
    key: "leaving-las-vegas",
    title: "Leaving Las Vegas",
    year: 1995,
    runtimeMinutes: 111,
    countries: ["US"],
    directors: ["Mike Figgis"],
    writers: ["Mike Figgis"],
    cast: [
      { name: "Nicolas Cage", character: "Ben Sanderson" },
      { name: "Elisabeth Shue", character: "Sera" },
      { name: "Julian Sands", character: "Yuri Butsov" },
    ],
    cinematography: ["Declan Quinn"],
    music: ["Mike Figgis"],
    imdbId: "tt0113627",
  },
  {
    key: "bob-le-flambeur",
    title: "Bob le Flambeur",
    originalTitle: "Bob le flambeur",
    year: 1956,
    countries: ["FR"],
    directors: ["Jean-Pierre Melville"],
    writers: ["Jean-Pierre Melville", "Auguste Le Breton"],
    cast: [
      { name: "Roger Duchesne", character: "Bob Montagné" },
      { name: "Isabelle Corey", character: "Anne" },
      { name: "Daniel Cauchy", character: "Paulo" },
      { name: "Guy Decomble", character: "Inspector Ledru" },
    ],
    cinematography: ["Henri Decaë"],
  },
  {
    key: "his-girl-friday",
    title: "His Girl Friday",
    year: 1940,
    runtimeMinutes: 92,
    countries: ["US"],
    directors: ["Howard Hawks"],
    writers: ["Charles Lederer"],
    cast: [
      { name: "Cary Grant", character: "Walter Burns" },
      { name: "Rosalind Russell", character: "Hildy Johnson" },
      { name: "Ralph Bellamy", character: "Bruce Baldwin" },
    ],
    cinematography: ["Joseph Walker"],
    imdbId: "tt0032599",
  },
  {
    key: "house-of-games",
    title: "House of Games",
    year: 1987,
    runtimeMinutes: 102,
    countries: ["US"],
    directors: ["David Mamet"],
    writers: ["David Mamet"],
    cast: [
      { name: "Lindsay Crouse", character: "Margaret Ford" },
      { name: "Joe Mantegna", character: "Mike" },
      { name: "Mike Nussbaum", character: "Joey" },
      { name: "Lilia Skala", character: "Dr. Maria Littauer" },
    ],
    cinematography: ["Juan Ruiz Anchía"],
    music: ["Alaric Jans"],
    imdbId: "tt0093223",
  },
  {
    key: "sweet-smell-of-success",
    title: "Sweet Smell of Success",
    year: 1957,
    runtimeMinutes: 96,
    countries: ["US"],
    directors: ["Alexander Mackendrick"],
    writers: ["Clifford Odets", "Ernest Lehman"],
    cast: [
      { name: "Burt Lancaster", character: "J.J. Hunsecker" },
      { name: "Tony Curtis", character: "Sidney Falco" },
      { name: "Susan Harrison", character: "Susan Hunsecker" },
      { name: "Martin Milner", character: "Steve Dallas" },
    ],
    cinematography: ["James Wong Howe"],
    music: ["Elmer Bernstein"],
    imdbId: "tt0051036",
  },
  {
    key: "the-sting",
    title: "The Sting",
    year: 1973,
    runtimeMinutes: 129,
    countries: ["US"],
    directors: ["George Roy Hill"],
    writers: ["David S. Ward"],
    cast: [
      { name: "Paul Newman", character: "Henry Gondorff" },
      { name: "Robert Redford", character: "Johnny Hooker" },
      { name: "Robert Shaw", character: "Doyle Lonnegan" },
      { name: "Charles Durning", character: "Lt. William Snyder" },
    ],
    cinematography: ["Robert Surtees"],
    music: ["Marvin Hamlisch"],
    imdbId: "tt0070735",
  },
  {
    key: "hard-eight",
    title: "Hard Eight",
    year: 1996,
    countries: ["US"],
    directors: ["Paul Thomas Anderson"],
    writers: ["Paul Thomas Anderson"],
    cast: [
      { name: "Philip Baker Hall", character: "Sydney" },
      { name: "John C. Reilly", character: "John" },
      { name: "Gwyneth Paltrow", character: "Clementine" },
      { name: "Samuel L. Jackson", character: "Jimmy" },
    ],
    cinematography: ["Robert Elswit"],
    music: ["Jon Brion", "Michael Penn"],
    imdbId: "tt0119256",
  },
  {
    key: "le-cercle-rouge",
    title: "Le Cercle Rouge",
    originalTitle: "Le Cercle rouge",
    year: 1970,
    runtimeMinutes: 140,
    countries: ["FR", "IT"],
    directors: ["Jean-Pierre Melville"],
    writers: ["Jean-Pierre Melville"],
    cast: [
      { name: "Alain Delon", character: "Corey" },
      { name: "Bourvil", character: "Commissaire Mattei" },
      { name: "Gian Maria Volonté", character: "Vogel" },
      { name: "Yves Montand", character: "Jansen" },
    ],
    cinematography: ["Henri Decaë"],
    music: ["Éric Demarsan"],
    imdbId: "tt0065531",
  },
  {
    key: "mean-streets",
    title: "Mean Streets",
    year: 1973,
    countries: ["US"],
    directors: ["Martin Scorsese"],
    writers: ["Martin Scorsese", "Mardik Martin"],
    cast: [
      { name: "Harvey Keitel", character: "Charlie" },
      { name: "Robert De Niro", character: "Johnny Boy" },
      { name: "David Proval", character: "Tony" },
      { name: "Amy Robinson", character: "Teresa" },
    ],
    cinematography: ["Kent Wakeford"],
    imdbId: "tt0070379",
  },
  // Outside the series: the two-director detour and two Las Vegas films for the catalogue.
  {
    key: "singin-in-the-rain",
    title: "Singin' in the Rain",
    year: 1952,
    runtimeMinutes: 103,
    countries: ["US"],
    directors: ["Stanley Donen", "Gene Kelly"],
    writers: ["Betty Comden", "Adolph Green"],
    cast: [
      { name: "Gene Kelly", character: "Don Lockwood" },
      { name: "Donald O'Connor", character: "Cosmo Brown" },
      { name: "Debbie Reynolds", character: "Kathy Selden" },
      { name: "Jean Hagen", character: "Lina Lamont" },
    ],
    cinematography: ["Harold Rosson"],
    music: ["Nacio Herb Brown"],
    imdbId: "tt0045152",
  },
  {
    key: "casino",
    title: "Casino",
    year: 1995,
    runtimeMinutes: 178,
    countries: ["US"],
    directors: ["Martin Scorsese"],
    writers: ["Nicholas Pileggi", "Martin Scorsese"],
    cast: [
      { name: "Robert De Niro", character: "Sam 'Ace' Rothstein" },
      { name: "Sharon Stone", character: "Ginger McKenna" },
      { name: "Joe Pesci", character: "Nicky Santoro" },
      { name: "James Woods", character: "Lester Diamond" },
    ],
    cinematography: ["Robert Richardson"],
    imdbId: "tt0112641",
  },
  {
    key: "oceans-eleven-1960",
    title: "Ocean's Eleven",
    year: 1960,
    runtimeMinutes: 127,
    countries: ["US"],
    directors: ["Lewis Milestone"],
    writers: ["Harry Brown", "Charles Lederer"],
    cast: [
      { name: "Frank Sinatra", character: "Danny Ocean" },
      { name: "Dean Martin", character: "Sam Harmon" },
      { name: "Sammy Davis Jr.", character: "Josh Howard" },
      { name: "Peter Lawford", character: "Jimmy Foster" },
    ],
    cinematography: ["William H. Daniels"],
    music: ["Nelson Riddle"],
    imdbId: "tt0054135",
  },
];

export const demoSeries: DemoSeries = {
  slug: "long-odds",
  title: "Long Odds",
  description:
    "A year of gamblers, grifters, fast talkers and cities after dark, watched in order and written up as I go. Some entries get a review, some only get watched.",
  films: [
    "the-hustler",
    "the-cincinnati-kid",
    "california-split",
    "leaving-las-vegas",
    "bob-le-flambeur",
    "his-girl-friday",
    "house-of-games",
    "sweet-smell-of-success",
    "the-sting",
    "hard-eight",
    "le-cercle-rouge",
    "mean-streets",
  ],
};
