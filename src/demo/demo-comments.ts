// A few readers' replies on the demo reviews, some of them threads, so a newcomer sees what a
// discussion looks like before their own readers arrive. Written for Cinelog; the people are
// invented and their addresses can never receive mail (.invalid).

interface DemoComment {
  /** Slug of the demo review it is left on. */
  review: string;
  /** A key other comments reply to. */
  key: string;
  /** The key of the comment this one answers. */
  replyTo?: string;
  name: string;
  url?: string;
  /** True for the demo's own reviewer answering a reader. */
  byReviewer?: boolean;
  /** Hours after the review went up. */
  hoursLater: number;
  body: string;
}

export const demoComments: DemoComment[] = [
  {
    review: "leaving-las-vegas-1995",
    key: "vegas-1",
    name: "Marguerite Osei",
    hoursLater: 5,
    body: "I put this off for years because everyone told me it was unbearable. It is sad, but you are right that it is never cruel to him. The motel scenes stayed with me for days.",
  },
  {
    review: "leaving-las-vegas-1995",
    key: "vegas-2",
    replyTo: "vegas-1",
    name: "The Demo Reviewer",
    byReviewer: true,
    hoursLater: 7,
    body: "That is the part I struggled to put into words: the film refuses to lecture anyone, including us. Thank you for reading.",
  },
  {
    review: "leaving-las-vegas-1995",
    key: "vegas-3",
    replyTo: "vegas-2",
    name: "Marguerite Osei",
    hoursLater: 9,
    body: "Refuses to lecture is exactly it. Now I want to watch it again, which I did not expect to say.",
  },
  {
    review: "leaving-las-vegas-1995",
    key: "vegas-4",
    name: "Tobias Lindqvist",
    url: "https://example.com/tobias",
    hoursLater: 30,
    body: "Does the series have a rule for which films make the list? Bob le Flambeur next is a lovely swerve.",
  },
  {
    review: "leaving-las-vegas-1995",
    key: "vegas-5",
    replyTo: "vegas-4",
    name: "The Demo Reviewer",
    byReviewer: true,
    hoursLater: 32,
    body: "Only one rule: somebody has to be betting on something they cannot afford to lose. *Bob* fits better than most.",
  },
  {
    review: "bob-le-flambeur-1956",
    key: "bob-1",
    name: "Aurélien Vasseur",
    hoursLater: 3,
    body: "The opening walk through Montmartre at dawn is one of my favourite openings in any film. Glad it got a paragraph of its own here.",
  },
  {
    review: "bob-le-flambeur-1956",
    key: "bob-2",
    replyTo: "bob-1",
    name: "Priya Raman",
    hoursLater: 11,
    body: "Agreed. And the ending still makes me laugh every time: the best heist film where the heist matters least.",
  },
  {
    review: "house-of-games-1987",
    key: "games-1",
    name: "Dale Whitcombe",
    hoursLater: 20,
    body: "Watched it on your recommendation. I saw the first trick coming and none of the others, which I suspect is the point.",
  },
];
