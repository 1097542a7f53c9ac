"""Reading the shop's pages: what is where in their HTML. If the shop
changes its pages, this is the file to change."""

import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup


def read_list_page(html, page_url):
    """One catalogue page: its books in page order, as (title, link) pairs,
    and the link to the next page (None on the last). Links are absolute."""
    soup = BeautifulSoup(html, "html.parser")
    books = []
    # Each book is an <article class="book">; its title is the link in its
    # <h3>. The page's other links (header, "More about") are not titles.
    for link in soup.select("article.book h3 a[href]"):
        # strip=True drops the spaces and line breaks around the title.
        books.append((link.get_text(strip=True), urljoin(page_url, link["href"])))
    next_link = soup.select_one("li.next a[href]")
    next_page = urljoin(page_url, next_link["href"]) if next_link else None
    return books, next_page


def read_book_page(html):
    """A book's own page: its price as text with two decimals ("12.50") and
    how many are in stock (0 when it says "Out of stock")."""
    soup = BeautifulSoup(html, "html.parser")
    price_cell, stock_cell = soup.select_one("td.price"), soup.select_one("td.stock")
    if price_cell is None or stock_cell is None:
        # Fail loudly, naming what is missing, rather than guess.
        raise ValueError("no td.price or td.stock on the book's page")
    price = re.search(r"\d+\.\d{2}", price_cell.get_text())  # "£12.50" -> "12.50"
    count = re.search(r"\d+", stock_cell.get_text())  # "In stock (7 available)" -> "7"
    if price is None:
        raise ValueError(f"cannot read a price in {price_cell.get_text()!r}")
    return price.group(), int(count.group()) if count else 0
