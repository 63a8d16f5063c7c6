using System.Reactive.Disposables;
using System.Reactive.Linq;
using Sluice.Connectors.Nexmark;
using Sluice.Connectors.Nexmark.Generator;
using Sluice.Connectors.Nexmark.Model;

namespace Sluice.Cli.Bench.Baselines;

/// <summary>
/// q0–q2, q5 and q7 written the way an Rx.NET (System.Reactive) user would: an observable of event objects from the
/// same generator, LINQ operators, and <c>Scan</c> for the event-time windows. Single-threaded; returns a checksum.
/// </summary>
internal static class RxBaselines
{
    /// <summary>The queries with an Rx.NET implementation.</summary>
    public static IReadOnlyList<string> Queries { get; } = ["q0", "q1", "q2", "q5", "q7"];

    public static long Run(string query, NexmarkConfiguration configuration)
    {
        var bids = Events(configuration).OfType<Bid>();
        long checksum = 0;
        IDisposable subscription = query switch
        {
            "q0" => bids.Select(b => (b.Auction, b.Bidder, b.Price, b.DateTime, b.Extra))
                .Subscribe(r => checksum += r.Auction ^ r.Price ^ r.Extra.Length),
            "q1" => bids.Select(b => (b.Auction, b.Bidder, Price: 0.908m * b.Price, b.DateTime, b.Extra))
                .Subscribe(r => checksum += r.Auction ^ (long)r.Price ^ r.Extra.Length),
            "q2" => bids.Where(b => b.Auction % 123 == 0).Select(b => (b.Auction, b.Price))
                .Subscribe(r => checksum += r.Auction ^ r.Price),
            "q5" => Windowed(bids, new HopCounts(), (state, b) => state.Add(b.Auction, b.DateTime), state => state.Finish())
                .Subscribe(r => checksum += r),
            "q7" => Windowed(bids, new TumbleMax(), (state, b) => state.Add(b), state => state.Finish())
                .Subscribe(r => checksum += r),
            _ => throw new ArgumentException($"No Rx.NET baseline for {query}.", nameof(query)),
        };
        subscription.Dispose();
        return checksum;
    }

    /// <summary>The events as objects, generated synchronously on subscription.</summary>
    private static IObservable<NexmarkEvent> Events(NexmarkConfiguration configuration) =>
        Observable.Create<NexmarkEvent>(observer =>
        {
            var generator = new NexmarkGenerator(configuration);
            for (long i = 0; i < configuration.EventsNum; i++)
            {
                observer.OnNext(generator.EventAt(i));
            }

            observer.OnCompleted();
            return Disposable.Empty;
        });

    /// <summary>Folds the bids into window state with <c>Scan</c>, then emits the state's checksum once the input ends.</summary>
    private static IObservable<long> Windowed<TState>(IObservable<Bid> bids, TState state, Action<TState, Bid> add, Func<TState, long> finish) =>
        bids.Scan(state, (s, b) =>
        {
            add(s, b);
            return s;
        }).LastOrDefaultAsync().Select(_ => finish(state));

    /// <summary>q7 state: per 10 s tumbling window the highest price and the bids that carry it.</summary>
    private sealed class TumbleMax
    {
        private readonly SortedDictionary<long, (long Max, List<Bid> Bids)> _windows = [];
        private long _checksum;

        public void Add(Bid bid)
        {
            var start = bid.DateTime - (((bid.DateTime % 10_000) + 10_000) % 10_000);
            if (!_windows.TryGetValue(start, out var window) || bid.Price > window.Max)
            {
                window = (bid.Price, []);
            }

            if (bid.Price == window.Max)
            {
                window.Bids.Add(bid);
            }

            _windows[start] = window;
            var watermark = bid.DateTime - 4_000;
            while (_windows.Count > 0 && _windows.First().Key + 10_000 <= watermark)
            {
                Emit(_windows.First().Value.Bids);
                _windows.Remove(_windows.First().Key);
            }
        }

        public long Finish()
        {
            foreach (var window in _windows.Values)
            {
                Emit(window.Bids);
            }

            _windows.Clear();
            return _checksum;
        }

        private void Emit(List<Bid> bids)
        {
            foreach (var b in bids)
            {
                _checksum += b.Auction ^ b.Price ^ b.Bidder ^ b.Extra.Length;
            }
        }
    }
}
