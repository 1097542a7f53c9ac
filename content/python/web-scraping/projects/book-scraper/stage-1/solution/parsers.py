"""Reading the shop's pages: what is where in their HTML. If the shop
changes its pages, this is the file to change."""

from urllib.parse import urljoin

from bs4 import BeautifulSoup


def books_on(html, page_url):
    """The books on one catalogue page, in page order, as (title, link)
    pairs, the link absolute."""
    soup = BeautifulSoup(html, "html.parser")
    books = []
    # Each book is an <article class="book">; its title is the link in its
    # <h3>. The page's other links (header, "More about") are not titles.
    for link in soup.select("article.book h3 a[href]"):
        # strip=True drops the spaces and line breaks around the title.
        books.append((link.get_text(strip=True), urljoin(page_url, link["href"])))
    return books
