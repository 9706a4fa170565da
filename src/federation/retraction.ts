// The Delete that takes back an object the blog sent — a review's or a post's Article, a
// comment's Note: a Tombstone at the object's id, addressed to the public as the object was.
// Its id is new each time, so a retraction sent again after a republish is not taken for the
// first one by servers that remember activity ids.
import { Delete, PUBLIC_COLLECTION, Tombstone } from "@fedify/vocab";

export function retraction(objectId: URL, actor: URL): Delete {
  return new Delete({
    id: new URL(`${objectId.href}#delete/${Date.now()}`),
    actor,
    object: new Tombstone({ id: objectId }),
    tos: [PUBLIC_COLLECTION],
  });
}
