from stagecheck import check, fail, serve, run


def titles_in(ran):
    """The title at the start of each line (later stages add ` | ...` after it)."""
    return [line.split(" | ")[0].strip() for line in ran.stdout.splitlines() if line.strip()]


def expect_titles(ran, want):
    got = titles_in(ran)
    if got != want:
        fail(f"Ran: {ran.command}\nExpected one line per book, starting with these titles, in this order:\n"
             + "\n".join(want) + "\nGot these lines:\n" + (ran.stdout.strip() or "(nothing)")
             + ("\nIt printed this error:\n" + ran.stderr.strip()[-1500:] if ran.code and ran.stderr.strip() else ""))


@check("it prints the title of each book on the page, in order")
def _():
    with serve("site") as url:
        ran = run("scraper.py", f"{url}/catalogue/page-1.html")
    expect_titles(ran, ["The Salt Road", "Bread & Butter Letters", "A Map of Small Rivers", "Night Ferry"])
    ran.expect_code(0)


@check("titles are clean text: &amp; decoded, no spaces or line breaks around them")
def _():
    with serve("site") as url:
        ran = run("scraper.py", f"{url}/catalogue/staff-picks.html")
    expect_titles(ran, ["The Glass Orchard", "Bread & Butter Letters"])
    ran.expect_code(0)
