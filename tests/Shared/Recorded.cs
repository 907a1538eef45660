using System;
using System.Collections.Generic;

namespace DataMux.Testing;

/// <summary>
/// An <see cref="IProgress{T}"/> that records every report on the reporting thread, in order (the framework's
/// <c>Progress&lt;T&gt;</c> posts them to the thread pool), and can act on one, e.g. cancel a run at a given step.
/// </summary>
internal sealed class Recorded<T>(List<T> items, Action<T>? then = null) : IProgress<T>
{
    public void Report(T value)
    {
        items.Add(value);
        then?.Invoke(value);
    }
}
