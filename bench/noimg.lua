-- pandoc filter for the benchmark: images are stripped, so pandoc's EPUB
-- writer does not try to fetch them (ksconv's turns them into links).
function Image(el)
	return {}
end
