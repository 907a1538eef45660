using System;
using System.IO;
using System.Runtime.InteropServices;

namespace DataMux.Cpu;

/// <summary>
/// The native team library (<c>Native/team.c</c>, built with the runtime on Linux when a C compiler exists): inference
/// passes that run on libtorch's own OpenMP threads, as one parallel region each, with products through the MKL libtorch
/// links. Loaded once; hands the library the MKL and libgomp functions it calls, looked up in libtorch.
/// </summary>
/// <remarks>
/// A region of libtorch's own libgomp, not threads of ours: a second pool (or a second .NET thread) competed for the
/// cores with libtorch's OpenMP workers, which keep spinning for a while after each operator (a pthreads version of the
/// encoder pass ran 0.91x where this one runs 1.04-1.09x, examples/Throughput).
/// </remarks>
internal static unsafe class NativeTeam
{
    private const string LibraryFile = "libdatamux_team.so";

    private static readonly IntPtr library = Load(out unavailableReason);
    private static readonly string unavailableReason;

    /// <summary><c>dmx_team_forward</c>: the encoder stack (see <see cref="EncoderTeam"/>).</summary>
    public static readonly delegate* unmanaged[Cdecl]<void*, int, int> EncoderForward =
        library == IntPtr.Zero ? null : (delegate* unmanaged[Cdecl]<void*, int, int>)NativeLibrary.GetExport(library, "dmx_team_forward");

    /// <summary><c>dmx_team_embed_mix</c>: the embedding block and an element-wise mux (see <see cref="FusedEmbeddingMix"/>).</summary>
    public static readonly delegate* unmanaged[Cdecl]<void*, int, int> EmbedMix =
        library == IntPtr.Zero ? null : (delegate* unmanaged[Cdecl]<void*, int, int>)NativeLibrary.GetExport(library, "dmx_team_embed_mix");

    /// <summary><c>dmx_team_demux_tokens</c>: the index demux's per-token tail (see <see cref="FusedTokenDemux"/>).</summary>
    public static readonly delegate* unmanaged[Cdecl]<void*, int, int> DemuxTokens =
        library == IntPtr.Zero ? null : (delegate* unmanaged[Cdecl]<void*, int, int>)NativeLibrary.GetExport(library, "dmx_team_demux_tokens");

    /// <summary>Whether the library is built and libtorch exports everything it needs.</summary>
    public static bool IsAvailable => library != IntPtr.Zero;

    /// <summary>Why <see cref="IsAvailable"/> is false, in words; empty when available.</summary>
    public static string UnavailableReason => unavailableReason;

    /// <summary>Throws for a status other than 0 from one of the library's passes.</summary>
    public static void Check(int status, string pass)
    {
        if (status != 0)
            throw new InvalidOperationException($"The native {pass} refused the call (code {status}: " +
                (status == -1 ? "not initialised" : "unexpected arguments") + ").");
    }

    private static IntPtr Load(out string reason)
    {
        if (!OperatingSystem.IsLinux())
        {
            reason = "only built on Linux";
            return IntPtr.Zero;
        }

        var path = NativeFiles.Find(LibraryFile);
        if (path is null || !NativeLibrary.TryLoad(path, out var handle))
        {
            reason = $"{LibraryFile} was not built (no C compiler at build time) or could not be loaded";
            return IntPtr.Zero;
        }

        // MKL inside libtorch, and the libgomp libtorch loads (so that the team is libtorch's own OpenMP threads).
        string[] names = ["cblas_sgemm_compute", "cblas_sgemm_batch", "vsExp", "MKL_Set_Num_Threads_Local",
            "GOMP_parallel", "GOMP_barrier", "omp_get_thread_num", "omp_get_num_threads"];
        var functions = new IntPtr[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            functions[i] = LibtorchExports.Find(names[i], out reason);
            if (functions[i] == IntPtr.Zero) return IntPtr.Zero;
        }

        var init = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, int>)
            NativeLibrary.GetExport(handle, "dmx_team_init");
        if (init(functions[0], functions[1], functions[2], functions[3], functions[4], functions[5], functions[6], functions[7]) != 0)
        {
            reason = "the team library refused libtorch's functions";
            return IntPtr.Zero;
        }

        reason = "";
        return handle;
    }
}
