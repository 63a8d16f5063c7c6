using Sluice.Testing.Faults;

namespace Sluice.Sql.Physical.Tests.Golden;

/// <summary>
/// Coordinates the one failure of a restore run across every <see cref="PausingFileSource"/> split of a job: each
/// split registers when its reader gets it (first attempt only), pauses at half of its records, and reports when a
/// checkpoint taken during the pause completed. When every registered split is covered so, the next paused reader to
/// poll throws one <see cref="InjectedFailureException"/>; from then on nothing pauses, so the restarted attempt
/// resumes from the checkpoint and runs to the end.
/// </summary>
/// <remarks>
/// Checkpoints are only completed once every task acknowledged, that is after every reader got its splits, so no split
/// registers after the failure condition was evaluated. Thread-safe: readers run on their source tasks' threads.
/// </remarks>
internal sealed class RestoreSchedule
{
    /// <summary>The failure point named in the injected exception.</summary>
    public const string FailurePoint = "golden-restore";

    private readonly object _lock = new();
    private readonly HashSet<int> _covered = [];
    private int _registered;
    private bool _failed;

    /// <summary>True once the failure was injected.</summary>
    public bool HasFailed
    {
        get
        {
            lock (_lock)
            {
                return _failed;
            }
        }
    }

    /// <summary>The number of splits that paused in the first attempt.</summary>
    public int RegisteredSplits
    {
        get
        {
            lock (_lock)
            {
                return _registered;
            }
        }
    }

    /// <summary>Registers a split that will pause; returns its ticket, or null after the failure (nothing pauses then).</summary>
    public int? Register()
    {
        lock (_lock)
        {
            return _failed ? null : _registered++;
        }
    }

    /// <summary>Records that a completed checkpoint holds the paused position of split <paramref name="ticket"/>.</summary>
    public void MarkCovered(int ticket)
    {
        lock (_lock)
        {
            _covered.Add(ticket);
        }
    }

    /// <summary>Throws the failure if every registered split is covered and it was not thrown yet.</summary>
    /// <exception cref="InjectedFailureException">Now is the time to fail.</exception>
    public void FailWhenAllCovered()
    {
        lock (_lock)
        {
            if (_failed || _covered.Count < _registered)
            {
                return;
            }

            _failed = true;
        }

        throw new InjectedFailureException(FailurePoint);
    }
}
