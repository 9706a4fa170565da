// The nine demo reviews, each written for Cinelog (see demo-content.ts for the films they are
// of, and the series they are watched in). Kept apart from the film facts because they are long.
import type { DemoReview } from "./demo-content.ts";

// Review bodies are flush-left template literals: indenting them would turn Markdown
// paragraphs into code blocks. Dates run January–October 2026 in viewing order.
export const demoReviews: DemoReview[] = [
  {
    film: "the-hustler",
    slug: "the-hustler-1961",
    body: `I wanted to start this list somewhere cold, and *The Hustler* is about as cold as American movies got in 1961. Not cruel, exactly. Cold the way a pool hall is cold at four in the morning, when the radiators have given up and the only warmth left in the room is the green of the table.

Paul Newman plays Eddie Felson as a young man who mistakes talent for character. He can run a table, he knows it, and the film spends two hours asking what that knowledge is worth once someone with money decides to own it. Jackie Gleason's Minnesota Fats barely raises his voice; he simply refuses to look tired, and that calm is more frightening than any threat. George C. Scott, as the gambler Bert Gordon, is the real weather system of the picture, a man who sorts people into winners and losers as if he were reading a price list.

## The long game

The marathon match early on is the sequence everyone remembers, and it earns that. Robert Rossen lets it run long enough that you feel the hours: the light changes, the onlookers thin out, the ashtrays fill. Eugen Schüfftan's wide black-and-white frames keep the table at the centre of everything, so even when the camera drifts to faces, the felt is waiting.

What surprised me most was Piper Laurie. Sarah could easily have been a device, the wounded woman who shows the hero his own reflection, but Laurie plays her with a dry intelligence that keeps pulling the film away from the game and toward a harder question: what does a person owe anyone else?

> A list about gamblers ought to begin with someone who thinks the game is the whole world, and then show him the door.

It sags a little in the middle, and I could live without one or two speeches, but I can't imagine a better first entry.`,
    rating: 4.5,
    watchedOn: "2026-01-09",
    isRewatch: false,
    hasSpoilers: false,
    tags: ["Gambling", "Pool", "New York", "Black and white"],
    publishedAt: "2026-01-11T21:10:00.000Z",
    stills: [
      {
        alt: "Abstract still: a cone of pale lamplight falling on a dark green floor, evoking the pool halls of The Hustler",
        caption: "Four in the morning, one lamp still on.",
        palette: ["#0b1410", "#1f5a3d", "#e8d9a8"],
        motif: "spotlight",
      },
    ],
  },
  {
    film: "the-cincinnati-kid",
    slug: "the-cincinnati-kid-1965",
    body: `After *The Hustler*, *The Cincinnati Kid* plays almost like a cover version: a young gun, an old master, a long night of cards, a woman who sees through all of it. The comparison isn't quite fair, but the film practically invites it, and it mostly comes off second best.

Still, there is plenty to enjoy. Norman Jewison sets it in Depression-era New Orleans, and the opening stretch, all street music and back rooms and a small game that sours quickly, has a loose, humid energy the rest of the picture sometimes loses. Steve McQueen is doing what he does best, which is thinking on camera without appearing to think at all. Edward G. Robinson, as Lancey Howard, gives the film its gravity. He sits at the table as if he had been born there, and you believe every word of his reputation before he has turned over a single card.

## Where it wobbles

The side plot with Karl Malden's dealer, squeezed by a rich man who wants the big game fixed, is the most interesting idea in the script and the least developed. Ann-Margret and Tuesday Weld are both handed characters who exist mainly to orbit the Kid, and the film doesn't know what to do with either of them once they've been introduced.

What does land is the climactic game, which is staged with real patience. Jewison cuts between hands, faces and the watching crowd until the room feels airless, and Lalo Schifrin's score knows when to go quiet and let the cards do the talking.

I won't say anything about how it ends, except that the ending stays with you much longer than the middle does. A solid middle rung on this ladder, and a reminder that a rematch is never quite the same fight.`,
    rating: 3.5,
    watchedOn: "2026-02-06",
    isRewatch: false,
    hasSpoilers: false,
    tags: ["Gambling", "Poker", "New Orleans", "1960s"],
    publishedAt: "2026-02-08T19:45:00.000Z",
    stills: [
      {
        alt: "Abstract still: pale playing-card shapes fanned across a dark red table under warm light, evoking the poker game in The Cincinnati Kid",
        palette: ["#1a0f0a", "#6b1f1f", "#f0c987"],
        motif: "cards",
      },
    ],
  },
  {
    film: "california-split",
    slug: "california-split-1974",
    body: `Robert Altman makes gambling look like what it mostly is: a way of spending time with people you would otherwise have no reason to know.

Bill and Charlie meet across a poker table in a Gardena card club, get roughed up together in the parking lot afterwards, and from then on are stuck to each other like two bets on the same horse. George Segal's Bill has a job and a sliver of respectability that he keeps trying to misplace. Elliott Gould's Charlie has neither and seems delighted about it; he talks the way some people hum, constantly and mostly to himself, occasionally landing on something true.

## Sound as a room

What makes the film feel so alive is its soundtrack. Altman layers conversations on top of each other, the cashier and the drunk at the next table and the announcer at the track, until you stop trying to follow any one voice and start listening to the place itself. It is the opposite of the cleanly staged duels in the first two films on this list. Nobody here is the best at anything. They are simply *there*, again, because there is nowhere else they would rather be.

Ann Prentiss and Gwen Welles, as the two women Charlie shares a house with, are funny and a little sad, and the film treats them with more warmth than the genre usually allows.

> I kept waiting for a plot to arrive, and somewhere around the midpoint I realised the waiting was the plot.

The final stretch, which heads to Reno, is where Altman quietly turns the screw, and I'll leave it there. This is the first film on the list that made me think less about winning and more about why anyone keeps playing. That question is going to follow me into Las Vegas.`,
    rating: 4,
    watchedOn: "2026-03-06",
    isRewatch: false,
    hasSpoilers: false,
    tags: ["Gambling", "Los Angeles", "Buddy film", "1970s"],
    publishedAt: "2026-03-08T20:30:00.000Z",
    stills: [
      {
        alt: "Abstract still: a low orange sun over layered violet ridges, evoking the drive to Reno in California Split",
        caption: "Somewhere past the state line.",
        palette: ["#1c1433", "#d9673b", "#f6d27a"],
        motif: "horizon",
      },
      {
        alt: "Abstract still: scattered card shapes and chips on a green field of light, evoking the card club in California Split",
        palette: ["#0c1a14", "#2f6b4f", "#f2e6c9"],
        motif: "cards",
      },
    ],
  },
  {
    film: "singin-in-the-rain",
    slug: "singin-in-the-rain-1952",
    body: `A detour, and an honest one: after three films about people hunched over tables, I needed something with the lights on. I've seen *Singin' in the Rain* more times than I can count, but never while thinking about gamblers, and it turns out the film is full of them.

Consider what the story actually is. A studio, frightened by a technology it doesn't understand, bets an expensive costume picture on sound and loses the first hand badly; the preview screening is one of the funniest disasters ever put on film. Then, instead of folding, everyone doubles down. Rework it as a musical, slip in a voice nobody has heard of, and hope the audience never looks behind the curtain. It's a con, basically, one that happens to end with an ovation instead of an arrest.

## Two directors, one rhythm

Stanley Donen and Gene Kelly share the directing credit, and whatever the division of labour was, the film never feels divided. The comedy scenes have the snap of a newspaper picture; the numbers open out into pure space. Donald O'Connor's big solo is a man throwing his entire body at the audience to see what sticks, and Jean Hagen, as Lina Lamont, gets laughs from a single vowel that lesser performers couldn't get from a full page.

Then there is the title number, which I'm not going to describe, because everyone already knows it and description only flattens it. I'll just say that this time I noticed how much of it is about *weather as permission*: a man so happy that he stops caring whether he looks foolish.

> Some films earn five stars by being perfect. This one earns them by making perfection look like the easiest thing in the world.

Back to the tables next time, and to a much darker city.`,
    rating: 5,
    watchedOn: "2026-03-21",
    isRewatch: true,
    hasSpoilers: false,
    tags: ["Musical", "Hollywood", "Comedy", "Detour"],
    publishedAt: "2026-03-23T18:00:00.000Z",
    stills: [
      {
        alt: "Abstract still: slanting rain over a night street with soft golden lights, evoking Singin' in the Rain",
        caption: "Weather as permission.",
        palette: ["#0d1b2a", "#3a6ea5", "#ffd166"],
        motif: "rain",
      },
    ],
  },
  {
    film: "leaving-las-vegas",
    slug: "leaving-las-vegas-1995",
    body: `I've been putting this one off. Everything else on the list so far has treated gambling as a game, however dangerous. *Leaving Las Vegas* is about a man who has already placed his last bet and only wants somewhere bright to wait for the result.

Ben Sanderson, a Hollywood screenwriter who has lost his job and his family, burns what is left of his old life and drives to Las Vegas to drink until it's over. There he meets Sera, who works the Strip and answers to a man nobody should have to answer to. They make an agreement early on, that neither will try to change the other, and the film, remarkably, keeps to it.

## The city as anaesthetic

Mike Figgis shot much of this on Super 16, and the grain and smear of it matter. Las Vegas here is neither glamorous nor even sinister; it's just *on*, all the time, a place built so that you never have to notice what hour it is. Declan Quinn's camera lets the neon bleed into faces, and Figgis's own jazz-tinged score drifts underneath like something playing in another room.

Nicolas Cage is extraordinary, and I mean that in both directions: there are moments of tenderness that catch you off guard, and moments so unmoored you want to look away. Elisabeth Shue is the revelation, though. Sera's interviews with an unseen listener could have been a gimmick; instead they give her an inner life the plot can't, and she plays them as a woman trying to be accurate about something she doesn't fully understand.

> I don't want to put stars on this. Stars are for deciding whether to recommend something, and I can't tell you whether to watch it. I can only tell you that it happened to me.

It is the film on this list I'm least likely to revisit and most likely to remember. Next comes Melville, and a gambler who at least enjoys the game.`,
    watchedOn: "2026-04-11",
    isRewatch: false,
    hasSpoilers: false,
    tags: ["Las Vegas", "Addiction", "Romance", "1990s"],
    publishedAt: "2026-04-14T21:00:00.000Z",
    stills: [
      {
        alt: "Abstract still: glowing magenta and violet neon bands over a dark desert road, evoking Leaving Las Vegas",
        caption: "A city built so you never notice the hour.",
        palette: ["#0a0612", "#6a1b9a", "#ff3d7f"],
        motif: "neon",
      },
      {
        alt: "Abstract still: a hazy pink sun sinking behind dark desert ridges, evoking the drive in Leaving Las Vegas",
        palette: ["#140d1f", "#a13d63", "#ffb36b"],
        motif: "horizon",
      },
    ],
  },
  {
    film: "bob-le-flambeur",
    slug: "bob-le-flambeur-1956",
    body: `After Las Vegas I needed a gambler with manners, and Bob Montagné has little else. He is white-haired, impeccably dressed, broke more often than not, and liked by every bartender, crook and policeman in Montmartre. He robbed a bank once, long ago. Now he just plays, mostly loses, and seems to regard losing as a perfectly respectable way to spend a night.

Jean-Pierre Melville would go on to make colder, more geometric crime films, but here he is still in love with the street. The opening, which watches Paris as the night people go home and the morning people come out, is reason enough to see the film. Henri Decaë shoots Pigalle in the grey light just before dawn, when the signs are still lit but no longer convincing, and you get the feeling Melville knew exactly which doorways mattered.

## The planner and the player

The story, when it arrives, is a heist: the casino at Deauville, its safe on the night it holds the most, and a crew assembled with the care of someone planning a dinner party. Melville enjoys the preparation more than the robbery, the floor plans and timetables and rehearsals, and so did I.

What gives the film its shape is the tension between Bob the planner and Bob the gambler. A man who has resolved to leave nothing to chance is also a man who cannot walk past a roulette wheel, and the film knows it. I'll leave the ending alone, except to say it is one of the most graceful jokes I have seen a crime movie tell.

Roger Duchesne plays Bob with a lightness that never tips into smugness. Isabelle Corey's Anne is more of a sketch, and Daniel Cauchy's Paulo is a boy who talks too much in exactly the way the plot requires.

> Next on the list is a film where everybody talks too much, on purpose.`,
    rating: 4.5,
    watchedOn: "2026-05-02",
    isRewatch: false,
    hasSpoilers: false,
    tags: ["Gambling", "Heist", "Paris", "French", "Black and white"],
    publishedAt: "2026-05-05T20:20:00.000Z",
    stills: [
      {
        alt: "Abstract still: a tall window of cool grey panes before dawn, casting pale light into a dark room, evoking Montmartre in Bob le Flambeur",
        caption: "The hour when the signs stop convincing anyone.",
        palette: ["#101418", "#4a5a6a", "#d8dde3"],
        motif: "window",
      },
      {
        alt: "Abstract still: a single soft spotlight on a dark floor, evoking the casino at Deauville in Bob le Flambeur",
        palette: ["#0e0d0c", "#3b3631", "#e9e1cf"],
        motif: "spotlight",
      },
    ],
  },
  {
    film: "house-of-games",
    slug: "house-of-games-1987",
    body: `*This review discusses the ending.*

I watched *His Girl Friday* between Melville and this, and I haven't written it up yet, partly because I'm still catching my breath. Going from Hawks's overlapping chatter to David Mamet's first film as a director is like leaving a party for a chess club: everyone still talks constantly, but each word is set down like a piece.

Margaret Ford is a psychiatrist who has written a bestseller about compulsion. When a patient tells her he owes money to a gambler who will hurt him, she goes to a back-room card game to settle it herself, and meets Mike, who runs cons and is happy to explain them. She asks to learn. He teaches her. The film lets you enjoy the lessons, the small street tricks and the ways people give themselves away, so thoroughly that you forget what a lesson is for.

## The whole thing was the game

Here is the spoiler. Margaret is not studying the con; she *is* the con, and has been since her first visit. The patient, the debt, the card game, the crisis that ends up costing her a great deal of money: every piece was arranged to separate a comfortable professional from her savings. When she finds out, the film turns from a puzzle into something stranger, and what she does at the airport is less a twist than a decision she has been rehearsing without knowing it.

Lindsay Crouse's flat, careful delivery felt mannered for the first twenty minutes and exactly right by the end; Margaret has been performing composure her whole life. Joe Mantegna makes Mike charming in a way that never quite hides the arithmetic underneath.

> The last scene, with its small theft at a lunch table, is the real punchline: she has been cured, and the cure is worse than the disease.

Mamet's staging is stiff in places, but it is a stiffness that suits a story about people acting.`,
    rating: 4,
    watchedOn: "2026-06-13",
    isRewatch: false,
    hasSpoilers: true,
    tags: ["Con artists", "Neo-noir", "Psychological", "Seattle"],
    publishedAt: "2026-06-16T19:00:00.000Z",
    stills: [
      {
        alt: "Abstract still: card shapes and chips on a deep rust-red table in amber light, evoking the back-room game in House of Games",
        palette: ["#14100c", "#7a2e1f", "#d9a441"],
        motif: "cards",
      },
    ],
  },
  {
    film: "sweet-smell-of-success",
    slug: "sweet-smell-of-success-1957",
    body: `If *House of Games* is a con that takes a whole film to reveal itself, *Sweet Smell of Success* is a film in which every single conversation is a con, out in the open, and everyone involved knows it.

Burt Lancaster's J.J. Hunsecker writes a Broadway column that can make or ruin a career in a paragraph. Tony Curtis's Sidney Falco is a press agent who needs those paragraphs the way other people need air, and J.J. has a job for him: break up the romance between J.J.'s younger sister and a jazz guitarist, by whatever means it takes. That is the whole plot. Everything else is appetite.

## Manhattan after midnight

James Wong Howe photographs Times Square at night as if it were a machine for producing glare: wet pavements, headlights, signs that never switch off. Indoors, in the clubs and the back booths, he frames Lancaster so that the man seems to loom over the table even while sitting down. Elmer Bernstein's score, and the Chico Hamilton Quintet on the bandstand, give the film a pulse that never lets up.

The dialogue, credited to Clifford Odets and Ernest Lehman, is famous for good reason, though I'll resist quoting any of it. What struck me is how *physical* it is. Sidney's lines come out of him like a man running for a bus, while J.J. speaks in slow, weighed sentences that land like a hand on your shoulder.

Curtis is the real discovery. He plays Sidney without a shred of vanity, all hunger and hurry, and lets you see that Sidney knows exactly how contemptible he is and has decided not to mind.

> Gamblers at least risk their own money. Everyone in this film bets with somebody else's life.

After this, the grifters of *The Sting* are going to look like choirboys.`,
    rating: 5,
    watchedOn: "2026-07-25",
    isRewatch: false,
    hasSpoilers: false,
    tags: ["New York", "Journalism", "Noir", "Black and white", "Fast talk"],
    publishedAt: "2026-07-28T20:40:00.000Z",
    stills: [
      {
        alt: "Abstract still: hard white and silver neon bands glaring over a black street, evoking Times Square in Sweet Smell of Success",
        caption: "A machine for producing glare.",
        palette: ["#050507", "#3d3d4a", "#f5f1e6"],
        motif: "neon",
      },
      {
        alt: "Abstract still: rain streaks across blurred pale lights on a dark grey night, evoking Manhattan in Sweet Smell of Success",
        palette: ["#08090c", "#4b5160", "#e6e2d6"],
        motif: "rain",
      },
    ],
  },
  {
    film: "the-sting",
    slug: "the-sting-1973",
    body: `After the sourness of *Sweet Smell of Success*, *The Sting* arrives like a cold drink on a hot afternoon. I'd caught pieces of it on television over the years but never sat through the whole thing, and I'm a little embarrassed by how much I'd been missing.

Johnny Hooker is a small-time grifter in 1930s Illinois who, with his partner, unknowingly robs a courier carrying money for the wrong man. When the partner is killed for it, Hooker goes looking for Henry Gondorff, an older con artist lying low in Chicago, and together they assemble a crew to take the racketeer Doyle Lonnegan for everything he can be persuaded to bet.

## A machine made of people

The pleasure here is the pleasure of watching professionals. George Roy Hill lays the plan out in chapters, each introduced by an illustrated title card, and half the fun is watching dozens of minor characters slide into their roles, the fake bookmakers and fake customers and fake everything, as smoothly as stagehands between scenes. It plays almost like a backstage musical, which makes it a funny companion to the Donen and Kelly detour back in March.

Paul Newman and Robert Redford are so easy together that the film hardly needs to explain why these two trust each other. Robert Shaw, as Lonnegan, supplies the edge; he plays a man so used to being obeyed that being conned is an idea he cannot hold in his head.

Marvin Hamlisch's arrangements of Scott Joplin's ragtime are a generation out of date for the setting, and it doesn't matter at all. The music tells you what kind of film this is, a trick lovingly performed, better than period accuracy ever could.

> Every other con on this list leaves somebody wrecked. This one only wrecks the man who has it coming, and sends you home grinning.

Three to go: *Hard Eight*, *Le Cercle Rouge* and *Mean Streets*. The nights are getting longer, and the timing feels right.`,
    rating: 4,
    watchedOn: "2026-09-27",
    isRewatch: false,
    hasSpoilers: false,
    tags: ["Con artists", "Chicago", "Period piece", "Caper"],
    publishedAt: "2026-10-03T18:30:00.000Z",
    stills: [
      {
        alt: "Abstract still: a warm amber spotlight on a dark stage between heavy curtains, evoking the staged con of The Sting",
        caption: "A trick, lovingly performed.",
        palette: ["#1b120a", "#8a5a2b", "#f3dfb0"],
        motif: "spotlight",
      },
    ],
  },
];
