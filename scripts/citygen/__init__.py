"""An independent generator of gazette issue pages "from other cities", with their truth.

Written from how real gazettes and government CMS pages look (other layouts, GBK, Traditional
script, injected spam, 目录 whose sections come back more than once), not from the splitter's
rules: nothing here reads `scraper/`. Every city, name and sentence is invented.

Modules, in the order data flows: `cities` (who publishes), `phrases` (sentences),
`dates` (how a date is written), `documents` (one document as printed lines plus its truth),
`toc` (the issue's 目录), `spam` (injection tricks), `templates` (CMS page around the text),
`pages` (an issue or single page, encoded, with its truth), `visible` (what a reader sees).
"""
