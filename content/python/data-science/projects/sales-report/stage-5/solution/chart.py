"""The chart in the report, drawn with matplotlib."""

import matplotlib

# Draw into files only, never a window: the report runs unattended (and on
# servers with no screen). This must come before pyplot is imported.
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)


def save_monthly_chart(monthly, path):
    """A bar chart of `monthly` (revenue by month), saved as a PNG at `path`."""
    labels = [str(month) for month in monthly.index]
    fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    ax.bar(labels, monthly.to_numpy(), color="tab:blue")
    ax.set_title("Revenue by month")
    ax.set_xlabel("Month")
    ax.set_ylabel("Revenue")
    ax.yaxis.set_major_formatter("{x:,.0f}")
    ax.grid(axis="y", alpha=0.3)
    fig.savefig(path, dpi=100)
    # Free the figure: pyplot keeps every figure until it is closed.
    plt.close(fig)
