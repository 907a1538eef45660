using System.Collections.Generic;

namespace DataMux.Datasets.Brown;

/// <summary>One part-of-speech tagged sentence: <see cref="Words"/>[i] carries the tag <see cref="Tags"/>[i].</summary>
/// <param name="Words">The sentence's tokens as published.</param>
/// <param name="Tags">The Brown tag of each token (for example <c>at</c>, <c>nn-tl</c>, <c>np$</c>), same count as <paramref name="Words"/>.</param>
/// <param name="Document">The corpus file the sentence comes from (for example <c>ca01</c>; the letter is the genre).</param>
public sealed record TaggedSentence(IReadOnlyList<string> Words, IReadOnlyList<string> Tags, string Document);
